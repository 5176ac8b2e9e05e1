#pragma once
// A scrape as the host collectors give it, with fixed values, and a live page served over it on a
// loopback HTTP server: what the live page's tests read back through real HTTP.

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "collectors/function_collector.hpp"
#include "collectors/host_scrape.hpp"
#include "http_client/http_client.hpp"
#include "live/live_routes.hpp"
#include "server/exporter_routes.hpp"
#include "server/http_server.hpp"

namespace host_exporter::live::testing {

inline void host_families(std::vector<MetricFamily>& out, double memory_used) {
  out.push_back({"host_cpu_utilization_ratio", "", MetricType::kGauge, {{"", 0.25, {}}}});
  out.push_back({"host_cpu_window_end_timestamp_seconds", "", MetricType::kGauge, {{"", 1700000000.0, {}}}});
  out.push_back({"host_cpu_core_utilization_ratio", "", MetricType::kGauge,
                 {{"cpu=\"0\"", 0.5, {}}, {"cpu=\"1\"", 0.0, {}}}});
  out.push_back({"node_load1", "", MetricType::kGauge, {{"", 1.5, {}}}});
  out.push_back({"host_memory_total_bytes", "", MetricType::kGauge, {{"", 8.0 * (1u << 30), {}}}});
  out.push_back({"host_memory_used_bytes", "", MetricType::kGauge, {{"", memory_used, {}}}});
  out.push_back({"host_disk_read_bytes_per_second", "", MetricType::kGauge,
                 {{"device=\"sda\"", 1000.0, {}}, {"device=\"sdb\"", 24.0, {}}}});
  out.push_back({"host_filesystem_used_ratio", "", MetricType::kGauge, {{"mountpoint=\"/\"", 0.5, {}}}});
  out.push_back({"node_filesystem_size_bytes", "", MetricType::kGauge,
                 {{"device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"", 1e9, {}}}});
  out.push_back({"host_process_group_cpu_utilization_ratio", "", MetricType::kGauge,
                 {{"name=\"postgres\"", 0.1, {}}, {"name=\"python3\"", 0.3, {}}}});
  out.push_back({"host_process_group_resident_memory_bytes", "", MetricType::kGauge,
                 {{"name=\"postgres\"", 5e8, {}}, {"name=\"python3\"", 1e8, {}}}});
  out.push_back({"host_exporter_measures_host", "", MetricType::kGauge, {{"", 0.0, {}}}});
  out.push_back({"host_exporter_environment_info", "", MetricType::kGauge,
                 {{"container=\"docker\",detail=\"\",platform=\"linux\",virtualization=\"none\"", 1.0, {}}}});
}

struct LiveServer {
  explicit LiveServer(server::HttpServerOptions options = {}) {
    // As serve has them: host collectors behind a HostScrape, by name.
    auto host = std::make_shared<collectors::FunctionCollector>(
        [this](std::vector<MetricFamily>& out) { host_families(out, memory_used); });
    auto processes = std::make_shared<collectors::FunctionCollector>([this](std::vector<MetricFamily>& out) {
      ++process_collections;
      out.push_back({"host_threads", "", MetricType::kGauge, {{"", 42.0, {}}}});
    });
    endpoint->add_source(std::make_shared<collectors::HostScrape>(
        std::vector<collectors::HostScrape::Named>{{"meminfo", std::make_shared<collectors::AdaptedCollector>(host), false},
                                                   {"processes", std::make_shared<collectors::AdaptedCollector>(processes),
                                                    false}}));
    page = make_live_page(endpoint, {2, "9.9.9", "Run it natively."}, std::chrono::milliseconds(2000));
    server::Routes routes;
    server::add_exporter_routes(routes, endpoint, {"/metrics", 40, "9.9.9", {}});
    add_live_routes(routes, endpoint, page);
    options.addresses.push_back({"127.0.0.1", 0, "127.0.0.1:0"});
    http = std::make_unique<server::HttpServer>(std::move(options), std::move(routes));
    http->start();
  }

  int port() const { return http->bound_ports().at(0); }

  http::ClientResponse get(const std::string& path, std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::ClientRequest request;
    request.method = "GET";
    request.url = "http://127.0.0.1:" + std::to_string(port()) + path;
    request.headers = std::move(headers);
    return http::fetch(request);
  }

  double memory_used = 3.0 * (1u << 30);
  std::atomic<int> process_collections{0};
  std::shared_ptr<server::MetricsEndpoint> endpoint = std::make_shared<server::MetricsEndpoint>();
  LivePage page;
  std::unique_ptr<server::HttpServer> http;
};

}  // namespace host_exporter::live::testing
