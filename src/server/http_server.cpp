#include "server/http_server.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <set>

#include "log/log.hpp"
#include "server/growing_thread_pool.hpp"
#include "server/hidden_headers.hpp"
#include "server/openssl_init.hpp"

namespace host_exporter::server {

struct HttpServer::Listener {
  ListenAddress address;
  int port = 0;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::atomic<bool> finished{false};
};

namespace {

// httplib's default sets SO_REUSEPORT, which lets a second exporter bind the same
// port silently and share its traffic. SO_REUSEADDR alone still allows a quick
// restart while old connections sit in TIME_WAIT.
void reuse_address_only(int socket) {
  int yes = 1;
  ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

// The reason an address cannot be bound, found the way httplib binds it.
std::string bind_failure_reason(const ListenAddress& address, int bind_errno) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* result = nullptr;
  const std::string service = std::to_string(address.port);
  const int rc = ::getaddrinfo(address.host.c_str(), service.c_str(), &hints, &result);
  if (rc != 0) return std::string("cannot resolve host: ") + ::gai_strerror(rc);
  ::freeaddrinfo(result);
  if (bind_errno != 0) return std::strerror(bind_errno);
  return "cannot bind";
}

constexpr const char* kAllMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};

}  // namespace

HttpServer::HttpServer(HttpServerOptions options, Routes routes)
    : options_(std::move(options)), routes_(std::move(routes)) {}

HttpServer::~HttpServer() { stop(); }

std::unique_ptr<httplib::Server> HttpServer::make_server() const {
  std::unique_ptr<httplib::Server> server;
  if (options_.tls) {
    initialise_openssl();
    server = std::make_unique<httplib::SSLServer>(options_.tls->cert_file.c_str(), options_.tls->key_file.c_str());
    if (!server->is_valid()) {
      throw BindError("cannot load the TLS certificate " + options_.tls->cert_file + " and key " +
                      options_.tls->key_file);
    }
  } else {
    server = std::make_unique<httplib::Server>();
  }
  install(*server);
  return server;
}

void HttpServer::install(httplib::Server& server) const {
  const auto read = options_.read_timeout;
  const auto write = options_.write_timeout;
  server.set_read_timeout(read.count() / 1000, (read.count() % 1000) * 1000);
  server.set_write_timeout(write.count() / 1000, (write.count() % 1000) * 1000);
  server.set_keep_alive_timeout(options_.idle_timeout.count());
  server.set_payload_max_length(options_.max_body_bytes);
  server.set_socket_options(reuse_address_only);
  // httplib writes headers and body separately; without TCP_NODELAY, Nagle holds the body back until
  // the client's delayed ACK (40 ms on Linux) on every keep-alive scrape. Go's net/http sets it too.
  server.set_tcp_nodelay(true);
  // httplib closes a kept-alive connection after 5 requests by default, so a client that keeps its
  // connection (Prometheus, a load generator) reconnects every 5 scrapes. The idle timeout above is
  // what bounds a connection, as in Go's net/http.
  server.set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
  if (!options_.headers.empty()) {
    server.set_default_headers(httplib::Headers(options_.headers.begin(), options_.headers.end()));
  }
  const std::size_t threads = options_.max_threads_per_listener;
  server.new_task_queue = [threads] { return new GrowingThreadPool(threads); };

  auto authorize = options_.authorize;
  server.set_pre_routing_handler([authorize](const httplib::Request& req, httplib::Response& res) {
    // The request object is not const (httplib owns it and hands it out as const);
    // moving Accept-Encoding aside keeps httplib from compressing any body itself.
    auto& headers = const_cast<httplib::Request&>(req).headers;
    const std::string hidden(kHiddenAcceptEncoding);
    headers.erase(hidden);
    if (const auto it = headers.find("Accept-Encoding"); it != headers.end()) {
      std::string value = it->second;
      headers.erase("Accept-Encoding");
      headers.emplace(hidden, std::move(value));
    }
    if (authorize && !authorize(req)) {
      respond(res, 401, "Unauthorized\n");
      res.set_header("WWW-Authenticate", "Basic realm=\"host_exporter\"");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  std::set<std::string> patterns;
  for (const auto& route : routes_.all()) {
    patterns.insert(route.pattern);
    switch (route.method) {
      case Method::kGet: server.Get(route.pattern, route.handler); break;
      case Method::kPost: server.Post(route.pattern, route.handler); break;
      case Method::kPut: server.Put(route.pattern, route.handler); break;
      case Method::kDelete: server.Delete(route.pattern, route.handler); break;
    }
  }
  // A known path asked with another method: 405 with the methods it does take.
  for (const auto& pattern : patterns) {
    const std::string allow = routes_.allowed_methods(pattern);
    const httplib::Server::Handler not_allowed = [allow](const httplib::Request&, httplib::Response& res) {
      respond(res, 405, "Method Not Allowed\n");
      res.set_header("Allow", allow);
    };
    for (const char* method : kAllMethods) {
      if (allow.find(method) != std::string::npos) continue;
      const std::string_view m(method);
      if (m == "GET") server.Get(pattern, not_allowed);
      if (m == "POST") server.Post(pattern, not_allowed);
      if (m == "PUT") server.Put(pattern, not_allowed);
      if (m == "DELETE") server.Delete(pattern, not_allowed);
      if (m == "PATCH") server.Patch(pattern, not_allowed);
      if (m == "OPTIONS") server.Options(pattern, not_allowed);
    }
  }

  const httplib::Server::HandlerWithResponse not_found = [](const httplib::Request&, httplib::Response& res) {
    if (res.status == 404 && res.body.empty()) {
      respond(res, 404, "404 page not found\n");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  };
  server.set_error_handler(not_found);
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log::error("request failed", {{"path", req.path}, {"err", what}});
    respond(res, 500, "Internal Server Error\n");
  });
}

void HttpServer::start() {
  for (const auto& address : options_.addresses) {
    auto listener = std::make_unique<Listener>();
    listener->address = address;
    listener->server = make_server();
    errno = 0;
    listener->port = address.port == 0 ? listener->server->bind_to_any_port(address.host)
                                       : (listener->server->bind_to_port(address.host, address.port) ? address.port : -1);
    if (listener->port <= 0) {
      const int bind_errno = errno;
      throw BindError("cannot listen on " + address.text + ": " + bind_failure_reason(address, bind_errno));
    }
    listeners_.push_back(std::move(listener));
  }
  for (auto& listener : listeners_) {
    Listener* l = listener.get();
    l->thread = std::thread([this, l] {
      const bool ok = l->server->listen_after_bind();
      l->finished = true;
      if (!ok && !stopping_) {
        failed_ = true;
        log::error("listener stopped on an error", {{"address", l->address.text}});
        if (on_failure_) on_failure_();
      }
    });
  }
}

std::vector<int> HttpServer::bound_ports() const {
  std::vector<int> ports;
  for (const auto& listener : listeners_) ports.push_back(listener->port);
  return ports;
}

void HttpServer::stop() {
  stopping_ = true;
  for (auto& listener : listeners_) {
    if (!listener->thread.joinable()) continue;
    // httplib's stop() does nothing until the accept loop runs: wait for it (or for its end).
    while (!listener->server->is_running() && !listener->finished) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    listener->server->stop();
  }
  // Joining waits for in-flight requests: each listener's pool drains its queue.
  for (auto& listener : listeners_) {
    if (listener->thread.joinable()) listener->thread.join();
  }
}

}  // namespace host_exporter::server
