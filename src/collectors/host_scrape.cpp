#include "collectors/host_scrape.hpp"

#include <chrono>
#include <exception>

#include "collectors/scrape_id.hpp"
#include "log/log.hpp"

namespace host_exporter::collectors {

HostScrape::HostScrape(std::vector<Named> collectors) : collectors_(std::move(collectors)) {}

void HostScrape::collect(std::vector<MetricFamily>& out) {
  const ScrapeIdScope scrape;  // files shared by collectors are read once in it
  MetricFamily duration{"node_scrape_collector_duration_seconds",
                        "node_exporter: Duration of a collector scrape.", MetricType::kGauge, {}};
  MetricFamily success{"node_scrape_collector_success",
                       "node_exporter: Whether a collector succeeded.", MetricType::kGauge, {}};
  duration.series.resize(collectors_.size());
  success.series.resize(collectors_.size());
  // Scrapes may run concurrently: the ingested families wait in a local vector.
  std::vector<MetricFamily> ingested_families;
  // Host collectors first, ingested ones second; the scrape series stay in name order.
  for (const bool ingested_pass : {false, true}) {
    for (std::size_t i = 0; i < collectors_.size(); ++i) {
      auto& [name, collector, ingested] = collectors_[i];
      if (ingested != ingested_pass) continue;
      std::vector<MetricFamily>& target = ingested ? ingested_families : out;
      const std::size_t families_before = target.size();
      const auto start = std::chrono::steady_clock::now();
      bool ok = true;
      try {
        collector->collect(target);
      } catch (const std::exception& e) {
        ok = false;
        target.resize(families_before);  // nothing half-collected reaches the scrape
        log::error("collector failed", {{"collector", name}, {"err", e.what()}});
      }
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      std::string labels = render_labels({{"collector", name}});
      duration.series[i] = {labels, elapsed.count(), {}};
      success.series[i] = {std::move(labels), ok ? 1.0 : 0.0, {}};
    }
  }
  out.push_back(std::move(duration));
  out.push_back(std::move(success));
  for (auto& family : ingested_families) out.push_back(std::move(family));
}

}  // namespace host_exporter::collectors
