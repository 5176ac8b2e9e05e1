#include "host_exporter/exposer.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "server/http_server.hpp"
#include "server/metrics_endpoint.hpp"
#include "server/metrics_route.hpp"
#include "server/routes.hpp"

namespace host_exporter {

namespace {

// The collectors one exposer serves; sources may be added while it serves.
class SourceList final : public Collector {
 public:
  void add(Collector& source) {
    std::lock_guard lock(mutex_);
    if (std::find(sources_.begin(), sources_.end(), &source) == sources_.end()) sources_.push_back(&source);
  }
  void collect(std::vector<MetricFamily>& out) override {
    std::vector<Collector*> sources;
    {
      std::lock_guard lock(mutex_);
      sources = sources_;
    }
    for (Collector* source : sources) source->collect(out);
  }
  bool reads_cannot_hang() const override {
    std::lock_guard lock(mutex_);
    return std::all_of(sources_.begin(), sources_.end(),
                       [](const Collector* source) { return source->reads_cannot_hang(); });
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Collector*> sources_;
};

std::string address_key(std::string_view host, int port) {
  const bool v6 = host.find(':') != std::string_view::npos;
  std::string key;
  key.reserve(host.size() + 8);
  if (v6) key += '[';
  key += host;
  if (v6) key += ']';
  key += ':';
  key += std::to_string(port);
  return key;
}

// Every running exposer of the process by address ("host:port"), under the address
// asked for and the address bound (they differ for port 0). Destroyed at exit, which
// stops the servers before the process goes.
struct ExposerTable {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<Exposer>> by_address;
};

ExposerTable& table() {
  static ExposerTable instance;
  return instance;
}

}  // namespace

struct Exposer::State {
  std::string host;
  int port = 0;
  std::vector<std::string> keys;
  std::shared_ptr<SourceList> sources = std::make_shared<SourceList>();
  std::unique_ptr<server::HttpServer> http;
};

Exposer::Exposer(std::unique_ptr<State> state) : state_(std::move(state)) {}

Exposer::~Exposer() {
  if (state_->http) state_->http->stop();
}

std::shared_ptr<Exposer> Exposer::start(Collector& source, int port, std::string_view host) {
  if (port < 0 || port > 65535) throw std::invalid_argument("exposer: port out of range: " + std::to_string(port));
  const std::string requested = address_key(host, port);
  ExposerTable& exposers = table();
  std::lock_guard lock(exposers.mutex);
  if (const auto it = exposers.by_address.find(requested); it != exposers.by_address.end()) {
    it->second->add_source(source);
    return it->second;
  }

  auto state = std::make_unique<State>();
  state->host = std::string(host);
  state->sources->add(source);
  auto endpoint = std::make_shared<server::MetricsEndpoint>();
  endpoint->add_source(state->sources);

  server::Routes routes;
  routes.add_exact(server::Method::kGet, "/metrics", [endpoint](const server::Request& req, server::Response& res) {
    server::answer_metrics(*endpoint, req, res);
  }, [endpoint] { return endpoint->reads_cannot_hang(); });  // on the server's loop while nothing can block
  routes.add_exact(server::Method::kGet, "/", [](const server::Request&, server::Response& res) {
    server::respond(res, 200, "Metrics are at /metrics\n");
  }, server::always_inline);

  server::HttpServerOptions options;
  options.addresses.push_back(server::ListenAddress{state->host, port, requested});
  options.worker_threads = 1;  // a few scrapers at most; keep the application's thread count small
  options.max_connections = 64;
  state->http = std::make_unique<server::HttpServer>(std::move(options), std::move(routes));
  try {
    state->http->start();
  } catch (const server::BindError& e) {
    throw std::runtime_error(e.what());
  }
  state->port = state->http->bound_ports().front();

  state->keys.push_back(requested);
  if (port == 0) state->keys.push_back(address_key(host, state->port));
  auto exposer = std::make_shared<Exposer>(std::move(state));
  for (const auto& key : exposer->state_->keys) exposers.by_address[key] = exposer;
  return exposer;
}

void Exposer::add_source(Collector& source) { state_->sources->add(source); }

int Exposer::port() const { return state_->port; }

const std::string& Exposer::host() const { return state_->host; }

void Exposer::stop() {
  {
    ExposerTable& exposers = table();
    std::lock_guard lock(exposers.mutex);
    for (const auto& key : state_->keys) {
      const auto it = exposers.by_address.find(key);
      if (it != exposers.by_address.end() && it->second.get() == this) exposers.by_address.erase(it);
    }
  }
  state_->http->stop();
}

}  // namespace host_exporter
