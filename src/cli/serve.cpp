#include "cli/serve.hpp"

#include <algorithm>

#include <build_info.hpp>  // the generated one

#include "cli/metric_sources.hpp"
#include "collectors/environment.hpp"
#include "collectors/sampler.hpp"
#include "live/live_routes.hpp"
#include "log/log.hpp"
#include "platform/open_file_limit.hpp"
#include "platform/shutdown_signals.hpp"
#include "platform/startup_pages.hpp"
#include "remote_write/agent.hpp"
#include "server/exporter_routes.hpp"
#include "server/basic_auth.hpp"
#include "server/http_server.hpp"
#include "server/web_config.hpp"
#include "server/push_routes.hpp"

namespace host_exporter::cli {

namespace {

server::HttpServerOptions http_options(const Options& options) {
  server::HttpServerOptions http;
  http.addresses = options.listen_addresses;
  http.read_timeout = options.read_timeout;
  http.write_timeout = options.write_timeout;
  http.idle_timeout = options.idle_timeout;
  http.max_connections = options.max_connections;
  // A body over --push.max-bytes is refused while it is read (413), chunked or not.
  http.max_body_bytes = options.push.limits.max_body_bytes;
  return http;
}

void apply_web_config(const server::WebConfig& config, server::HttpServerOptions& http) {
  http.tls = config.tls;
  http.headers = config.headers;
  if (!config.basic_auth_users.empty()) {
    auto auth = std::make_shared<server::BasicAuth>(config.basic_auth_users);
    http.authorize = [auth](const server::Request& req) { return auth->check(req.headers.get("Authorization")); };
  }
  log::info("web config loaded", {{"tls", config.tls ? "true" : "false"},
                                  {"basic_auth_users", std::to_string(config.basic_auth_users.size())}});
}

}  // namespace

int run_serve(const Options& options) {
  platform::ShutdownSignals signals;  // before any thread starts, so every thread inherits the mask
  if (const auto limit = platform::raise_open_file_limit(); !limit.error.empty()) {
    log::warn("cannot raise the open file limit", {{"err", limit.error}, {"soft", std::to_string(limit.soft)}});
  } else {
    log::debug("open file limit", {{"soft", std::to_string(limit.soft)}});
  }

  server::HttpServerOptions http = http_options(options);
  if (!options.web_config_file.empty()) {
    try {
      apply_web_config(server::load_web_config(options.web_config_file), http);
    } catch (const server::WebConfigError& e) {
      log::error("cannot use the web config", {{"err", e.what()}});
      return 1;
    }
  }

  // One warning in a container or Docker Desktop's VM; the live page shows the same explanation.
  const auto environment = collectors::warn_if_not_measuring_host(options.roots);
  collectors::Sampler sampler(options.sampler_interval);
  auto endpoint = std::make_shared<server::MetricsEndpoint>();
  if (!add_metric_sources_or_report(options, sampler, *endpoint)) return kUsageError;
  // Pushed groups are the last source: host and textfile families win a name conflict.
  auto push_store = std::make_shared<ingest::PushStore>(options.push);
  endpoint->add_source(push_store);

  server::Routes routes;
  // Start-up ends with the first scrape's one-time work; the code only it ran need not stay
  // resident (platform/startup_pages.hpp). Given back once serving, and again then.
  const auto give_back_startup_pages = [] {
    log::debug("start-up pages given back", {{"bytes", std::to_string(platform::release_startup_pages())}});
  };
  server::add_exporter_routes(routes, endpoint,
                              {options.telemetry_path, options.max_requests, build::kVersion, give_back_startup_pages});
  server::add_push_routes(routes, push_store, options.push.limits.max_body_bytes);
  const auto live_page = live::make_live_page(
      endpoint,
      {std::chrono::duration<double>(options.sampler_interval).count(), build::kVersion,
       collectors::not_the_host_message(environment)},
      options.sampler_interval);
  sampler.add(live_page.sampler);  // after the collectors' sources: it reads their window
  live::add_live_routes(routes, endpoint, live_page);

  const std::string scheme = http.tls ? "https://" : "http://";
  server::HttpServer http_server(std::move(http), std::move(routes));
  endpoint->add_source(http_server.stats());
  std::unique_ptr<remote_write::Agent> agent;  // agent mode: what /metrics serves, also pushed
  if (options.remote_write.enabled()) {
    try {
      agent = std::make_unique<remote_write::Agent>(
          options.remote_write, [endpoint](std::vector<MetricFamily>& out) { endpoint->gather(out); },
          remote_write::host_name());
    } catch (const std::exception& e) {
      log::error("cannot start agent mode", {{"err", e.what()}});
      return 1;
    }
    endpoint->add_source(agent->metrics());
  }
  http_server.set_failure_callback(&platform::ShutdownSignals::request);
  sampler.start();
  push_store->start();
  try {
    http_server.start();
  } catch (const server::BindError& e) {
    log::error("cannot start", {{"err", e.what()}});
    return 1;
  }
  for (const auto& address : options.listen_addresses) {
    log::info("listening", {{"address", address.text},
                            {"telemetry_path", options.telemetry_path},
                            {"live_page", scheme + address.text + "/"}});
  }
  if (agent) agent->start();
  log::info("host_exporter started", {{"version", build::kVersion}, {"revision", build::kRevision}});
  give_back_startup_pages();

  const char* signal = signals.wait();
  log::info("shutting down", {{"signal", signal}});
  if (agent) agent->stop();  // what is queued stays on disk for the next start
  http_server.stop();
  push_store->stop();  // writes pending pushes to --push.persistence-file
  sampler.stop();
  log::info("stopped");
  return http_server.failed() ? 1 : 0;
}

}  // namespace host_exporter::cli
