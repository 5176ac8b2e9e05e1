#include "cli/push_http.hpp"

#include <httplib.h>

#include "server/openssl_init.hpp"

namespace host_exporter::cli {

HttpCall program_http_call(std::chrono::milliseconds timeout) {
  return [timeout](const std::string& method, const std::string& url) {
    HttpReply reply;
    const auto scheme_end = url.find("://");
    const auto path_start = scheme_end == std::string::npos ? std::string::npos : url.find('/', scheme_end + 3);
    if (path_start == std::string::npos) {
      reply.error = "not a URL with a path: " + url;
      return reply;
    }
    server::initialise_openssl();
    httplib::Client client(url.substr(0, path_start));
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout - seconds);
    client.set_connection_timeout(seconds.count(), micros.count());
    client.set_read_timeout(seconds.count(), micros.count());
    const std::string path = url.substr(path_start);
    auto response = method == "DELETE" ? client.Delete(path) : client.Get(path);
    if (!response) {
      reply.error = response.error() == httplib::Error::Connection
                        ? "could not connect (is host_exporter running, and is --url right?)"
                        : httplib::to_string(response.error());
      return reply;
    }
    reply.status = response->status;
    reply.body = std::move(response->body);
    return reply;
  };
}

}  // namespace host_exporter::cli
