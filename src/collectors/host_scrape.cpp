#include "collectors/host_scrape.hpp"

#include <chrono>
#include <exception>

#include "log/log.hpp"

namespace host_exporter::collectors {

HostScrape::HostScrape(std::vector<Named> collectors) : collectors_(std::move(collectors)) {}

void HostScrape::collect(std::vector<MetricFamily>& out) {
  MetricFamily duration{"node_scrape_collector_duration_seconds",
                        "node_exporter: Duration of a collector scrape.", MetricType::kGauge, {}};
  MetricFamily success{"node_scrape_collector_success",
                       "node_exporter: Whether a collector succeeded.", MetricType::kGauge, {}};
  for (auto& [name, collector] : collectors_) {
    const std::size_t families_before = out.size();
    const auto start = std::chrono::steady_clock::now();
    bool ok = true;
    try {
      collector->collect(out);
    } catch (const std::exception& e) {
      ok = false;
      out.resize(families_before);  // nothing half-collected reaches the scrape
      log::error("collector failed", {{"collector", name}, {"err", e.what()}});
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const std::string labels = render_labels({{"collector", name}});
    duration.series.push_back({labels, elapsed.count(), {}});
    success.series.push_back({labels, ok ? 1.0 : 0.0, {}});
  }
  out.push_back(std::move(duration));
  out.push_back(std::move(success));
}

}  // namespace host_exporter::collectors
