#pragma once
// The HTTP listener(s) of host_exporter: one httplib server per --web.listen-address,
// all serving the same Routes. Every address is bound before any is served, so a
// bad address stops the start instead of leaving a partial server behind.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "server/listen_address.hpp"
#include "server/routes.hpp"

namespace host_exporter::server {

struct TlsFiles {
  std::string cert_file;
  std::string key_file;
};

struct HttpServerOptions {
  std::vector<ListenAddress> addresses;
  // httplib applies these per read/write call on a connection (SO_RCVTIMEO/SO_SNDTIMEO).
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  // How long a kept-alive connection may wait for its next request (whole seconds).
  std::chrono::seconds idle_timeout{5};
  std::size_t max_threads_per_listener = 48;
  std::size_t max_body_bytes = 16u << 20;
  std::optional<TlsFiles> tls;
  std::map<std::string, std::string> headers;  // added to every response (web config)
  // When set, a request it refuses gets 401 with a Basic challenge.
  std::function<bool(const httplib::Request&)> authorize;
};

// Thrown by start() when an address cannot be bound; what() names the address and the reason.
class BindError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Routes routes);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds every address (throws BindError), then serves each on its own thread.
  // Port 0 picks a free port (tests); bound_ports() tells which.
  void start();
  // Stops accepting, lets in-flight requests finish and joins. Idempotent.
  void stop();

  // Called from a listener thread when it stops on an error (not after stop()).
  void set_failure_callback(std::function<void()> callback) { on_failure_ = std::move(callback); }
  bool failed() const { return failed_.load(); }

  // The port of each listen address, in order, once start() has returned.
  std::vector<int> bound_ports() const;

 private:
  struct Listener;

  std::unique_ptr<httplib::Server> make_server() const;
  void install(httplib::Server& server) const;

  HttpServerOptions options_;
  Routes routes_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::function<void()> on_failure_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> failed_{false};
};

}  // namespace host_exporter::server
