#pragma once
// The exporter's own routes: the telemetry path, the landing page and the
// health endpoints. Other route sets (the push API) register beside these.

#include <functional>
#include <memory>
#include <string>

#include "server/concurrency_limiter.hpp"
#include "server/metrics_endpoint.hpp"
#include "server/routes.hpp"

namespace host_exporter::server {

struct ExporterRoutesConfig {
  std::string telemetry_path = "/metrics";
  std::size_t max_requests = 40;  // concurrent scrapes of the telemetry path; 0 = no limit
  std::string version;
  // Called once, after the first scrape that answered 200 (on the thread that ran it): its
  // one-time work (device tables, mount table, first readings) is start-up too.
  std::function<void()> after_first_scrape;
};

void add_exporter_routes(Routes& routes, std::shared_ptr<const MetricsEndpoint> endpoint,
                         const ExporterRoutesConfig& config);

}  // namespace host_exporter::server
