#include "cli/push_http.hpp"

#include "http_client/http_client.hpp"

namespace host_exporter::cli {

HttpCall program_http_call(std::chrono::milliseconds timeout) {
  return [timeout](const std::string& method, const std::string& url) {
    HttpReply reply;
    http::ClientRequest request;
    request.method = method;
    request.url = url;
    request.timeout = timeout;
    try {
      http::ClientResponse response = http::fetch(request);
      reply.status = response.status;
      reply.body = std::move(response.body);
    } catch (const http::ClientError& e) {
      reply.error = std::string(e.what()) + " (is host_exporter running, and is --url right?)";
    }
    return reply;
  };
}

}  // namespace host_exporter::cli
