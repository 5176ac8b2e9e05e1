// darwin_http_probe: runs the HTTP layer once on loopback and checks each answer: an
// HttpServer with a route on 127.0.0.1:0 answered through http::fetch, an Exposer scraped,
// a Pusher's PUT and DELETE received by the server. Built by `make darwin-check` (a Mach-O,
// linked with no undefined symbol); the macOS CI job runs it on a Mac. Exit 0 when every
// check passes, 1 with the failed one on stderr.
//   darwin_http_probe

#include <cstdio>
#include <exception>
#include <mutex>
#include <string>
#include <vector>

#include "host_exporter/exposer.hpp"
#include "host_exporter/pusher.hpp"
#include "host_exporter/registry.hpp"
#include "http_client/http_client.hpp"
#include "server/http_server.hpp"

namespace {

using namespace host_exporter;

int failures = 0;

void check(bool ok, const std::string& what) {
  std::printf("%s: %s\n", ok ? "ok" : "FAILED", what.c_str());
  if (!ok) ++failures;
}

http::ClientResponse get(int port, const std::string& path) {
  http::ClientRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + path;
  return http::fetch(request);
}

// What the server's push route received, in order: "METHOD path body-size".
struct Received {
  std::mutex mutex;
  std::vector<std::string> requests;
};

server::Routes probe_routes(Received& received) {
  server::Routes routes;
  routes.add_exact(server::Method::kGet, "/hello", [](const server::Request&, server::Response& res) {
    server::respond(res, 200, "hello from evhttp\n");
  });
  auto record = [&received](const server::Request& req, server::Response& res) {
    std::lock_guard lock(received.mutex);
    received.requests.push_back(req.method + " " + req.path + " " + std::to_string(req.body.size()));
    res.status = 200;
  };
  routes.add_pattern(server::Method::kPut, "/metrics/job/.+", record);
  routes.add_pattern(server::Method::kDelete, "/metrics/job/.+", record);
  return routes;
}

void probe_server_and_pusher(Registry& registry) {
  Received received;
  server::HttpServerOptions options;
  options.addresses.push_back({"127.0.0.1", 0, "127.0.0.1:0"});
  server::HttpServer server(options, probe_routes(received));
  server.start();
  const int port = server.bound_ports().at(0);
  check(port > 0, "HttpServer bound 127.0.0.1:" + std::to_string(port));

  auto hello = get(port, "/hello");
  check(hello.status == 200 && hello.body == "hello from evhttp\n", "GET /hello answered 200 with the route's body");
  check(get(port, "/absent").status == 404, "GET /absent answered 404");

  Pusher pusher("http://127.0.0.1:" + std::to_string(port), "darwin_http_probe");
  pusher.push(registry);
  pusher.remove();
  std::lock_guard lock(received.mutex);
  check(received.requests.size() == 2 && received.requests[0].starts_with("PUT /metrics/job/darwin_http_probe ") &&
            received.requests[0] != "PUT /metrics/job/darwin_http_probe 0" &&
            received.requests[1] == "DELETE /metrics/job/darwin_http_probe 0",
        "Pusher's PUT (with a body) and DELETE reached the server");
  server.stop();
}

void probe_exposer(Registry& registry) {
  auto exposer = Exposer::start(registry, 0);
  auto scrape = get(exposer->port(), "/metrics");
  check(scrape.status == 200 && scrape.body.find("darwin_http_probe_checks_total 1") != std::string::npos,
        "Exposer on port " + std::to_string(exposer->port()) + " served the registry");
  exposer->stop();
}

}  // namespace

int main() {
  try {
    Registry registry;
    registry.counter("darwin_http_probe_checks_total", "Probe runs.").get().inc();
    probe_server_and_pusher(registry);
    probe_exposer(registry);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FAILED: %s\n", e.what());
    return 1;
  }
  return failures == 0 ? 0 : 1;
}
