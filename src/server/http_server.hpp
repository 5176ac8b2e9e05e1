#pragma once
// The HTTP server of host_exporter on libevent's evhttp: one event loop thread owns
// every socket of every --web.listen-address, reads requests and enforces the limits
// while reading; handlers run on a small worker pool, so a slow client holds no
// worker and a slow handler holds no socket, except a route's bounded work, which the
// loop answers itself (InlineBudget, docs/http.md). Every address is bound before any is
// served, so a bad address stops the start instead of leaving a partial server.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/head_scanner.hpp"
#include "server/http_stats.hpp"
#include "server/listen_address.hpp"
#include "server/listen_socket.hpp"
#include "server/routes.hpp"
#include "server/tls_context.hpp"

namespace host_exporter::server {

struct HttpServerOptions {
  std::vector<ListenAddress> addresses;
  std::chrono::milliseconds read_timeout{10'000};   // a whole request head, from its first byte
  std::chrono::milliseconds write_timeout{10'000};  // without progress while a body is read or a response written
  std::chrono::milliseconds idle_timeout{5'000};    // a kept-alive connection waiting for its next request
  std::size_t max_connections = 512;                // 0: no cap
  std::size_t worker_threads = 4;
  std::size_t max_queued_requests = 256;
  std::size_t max_streams = 16;  // event streams open at once; more get 503
  HeadLimits head_limits;
  std::size_t max_body_bytes = 16u << 20;
  std::optional<TlsSettings> tls;
  std::map<std::string, std::string> headers;  // added to every response (web config)
  // When set, a request it refuses gets 401 with a Basic challenge. Runs on a worker.
  std::function<bool(const Request&)> authorize;
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Routes routes);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds every address (throws BindError; a TLS pair that cannot be loaded also
  // throws BindError), then serves. Port 0 picks a free port; bound_ports() tells which.
  void start();
  // Stops accepting, lets in-flight requests finish, closes every connection. Idempotent.
  void stop();

  // Called from the loop thread if it stops on an error (not after stop()).
  void set_failure_callback(std::function<void()> callback) { on_failure_ = std::move(callback); }
  bool failed() const { return failed_.load(); }

  std::vector<int> bound_ports() const { return ports_; }

  // The server's own counters, to add as a metrics source.
  std::shared_ptr<HttpStats> stats() const { return stats_; }

 private:
  struct Loop;

  HttpServerOptions options_;
  std::shared_ptr<const Routes> routes_;
  std::shared_ptr<HttpStats> stats_ = std::make_shared<HttpStats>();
  std::vector<int> ports_;
  std::unique_ptr<Loop> loop_;
  std::function<void()> on_failure_;
  std::atomic<bool> failed_{false};
};

}  // namespace host_exporter::server
