#include "collectors/host_scrape.hpp"

#include <chrono>
#include <exception>

#include "collectors/scrape_id.hpp"
#include "log/log.hpp"

namespace host_exporter::collectors {

HostScrape::HostScrape(std::vector<Named> collectors, std::chrono::milliseconds deadline)
    : collectors_(std::move(collectors)), deadline_(deadline) {
  for (const auto& named : collectors_) {
    guarded_.push_back(named.ingested ? std::make_unique<DeadlineCall>(named.collector) : nullptr);
  }
}

// Runs collector `index` into `target`; false (logged, nothing added) when it failed.
bool HostScrape::collect_one(std::size_t index, std::vector<MetricFamily>& target) {
  const auto& [name, collector, ingested] = collectors_[index];
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + deadline_;
  if (DeadlineCall* guarded = guarded_[index].get()) {
    std::string error;
    switch (guarded->collect(target, deadline, error)) {
      case DeadlineOutcome::kDone:
        return true;
      case DeadlineOutcome::kThrew:
        log::error("collector failed", {{"collector", name}, {"err", error}});
        return false;
      case DeadlineOutcome::kLate:
        log::error("collector passed its deadline; the scrape goes on without it",
                   {{"collector", name}, {"deadline", std::to_string(deadline_.count()) + "ms"}});
        return false;
      case DeadlineOutcome::kStillRunning:
        log::error("collector skipped: a call from an earlier scrape has not returned", {{"collector", name}});
        return false;
    }
    return false;
  }
  const std::size_t families_before = target.size();
  try {
    collector->collect(target);
  } catch (const std::exception& e) {
    target.resize(families_before);  // nothing half-collected reaches the scrape
    log::error("collector failed", {{"collector", name}, {"err", e.what()}});
    return false;
  }
  if (std::chrono::steady_clock::now() > deadline) {
    target.resize(families_before);
    log::error("collector returned after its deadline; its families are dropped",
               {{"collector", name}, {"deadline", std::to_string(deadline_.count()) + "ms"}});
    return false;
  }
  return true;
}

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
      if (collectors_[i].ingested != ingested_pass) continue;
      const auto start = std::chrono::steady_clock::now();
      const bool ok = collect_one(i, ingested_pass ? ingested_families : out);
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      std::string labels = render_labels({{"collector", collectors_[i].name}});
      duration.series[i] = {labels, elapsed.count(), {}};
      success.series[i] = {std::move(labels), ok ? 1.0 : 0.0, {}};
    }
  }
  out.push_back(std::move(duration));
  out.push_back(std::move(success));
  for (auto& family : ingested_families) out.push_back(std::move(family));
}

}  // namespace host_exporter::collectors
