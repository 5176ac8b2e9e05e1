#include "collectors/host_scrape.hpp"

#include <array>
#include <chrono>
#include <exception>
#include <string_view>

#include "log/log.hpp"

namespace host_exporter::collectors {

namespace {

constexpr std::array<std::string_view, 1> kCollectorLabel = {"collector"};
constexpr FamilyDescriptor kDuration{"node_scrape_collector_duration_seconds",
                                     "node_exporter: Duration of a collector scrape.", MetricType::kGauge,
                                     kCollectorLabel};
constexpr FamilyDescriptor kSuccess{"node_scrape_collector_success", "node_exporter: Whether a collector succeeded.",
                                    MetricType::kGauge, kCollectorLabel};

// The deadline call of an ingested collector: it runs the public Collector behind an adapter
// (inline while the adapter says its reads cannot hang), else the collector itself.
std::unique_ptr<DeadlineCall> deadline_call_for(const std::shared_ptr<HostCollector>& collector) {
  if (const auto* adapted = dynamic_cast<const AdaptedCollector*>(collector.get())) {
    return std::make_unique<DeadlineCall>(adapted->inner(), adapted->hang_probe());
  }
  return std::make_unique<DeadlineCall>(collector);
}

}  // namespace

HostScrape::HostScrape(std::vector<Named> collectors, bool reads_the_kernel, std::chrono::milliseconds deadline)
    : collectors_(std::move(collectors)), reads_the_kernel_(reads_the_kernel), deadline_(deadline) {
  for (const auto& named : collectors_) {
    guarded_.push_back(named.ingested ? deadline_call_for(named.collector) : nullptr);
  }
}

// Runs host collector `index` into `sink`; false (logged, nothing added) when it failed.
bool HostScrape::fill_host(std::size_t index, ScrapeContext& scrape, exposition::Sink& sink) {
  const auto& name = collectors_[index].name;
  const auto deadline = std::chrono::steady_clock::now() + deadline_;
  const auto mark = sink.mark();
  try {
    collectors_[index].collector->fill(scrape, sink);
  } catch (const std::exception& e) {
    sink.rollback(mark);  // nothing half-collected reaches the scrape
    log::error("collector failed", {{"collector", name}, {"err", e.what()}});
    return false;
  }
  if (std::chrono::steady_clock::now() > deadline) {
    sink.rollback(mark);
    log::error("collector returned after its deadline; its families are dropped",
               {{"collector", name}, {"deadline", std::to_string(deadline_.count()) + "ms"}});
    return false;
  }
  return true;
}

// Runs ingested collector `index` on its deadline call; false (logged, nothing added) when it failed.
bool HostScrape::collect_ingested(std::size_t index, std::vector<MetricFamily>& target) {
  const auto& name = collectors_[index].name;
  const auto deadline = std::chrono::steady_clock::now() + deadline_;
  std::string error;
  switch (guarded_[index]->collect(target, deadline, error)) {
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

bool HostScrape::reads_cannot_hang() const {
  if (!reads_the_kernel_) return false;
  for (std::size_t i = 0; i < collectors_.size(); ++i) {
    const bool safe = guarded_[i] ? guarded_[i]->runs_inline_now() : collectors_[i].collector->reads_cannot_hang();
    if (!safe) return false;
  }
  return true;
}

void HostScrape::fill(exposition::Sink& sink) {
  auto scratch = scratch_.take([this] {
    auto made = std::make_unique<Scratch>();
    made->seconds.resize(collectors_.size());
    made->succeeded.resize(collectors_.size());
    return made;
  });
  ScrapeContext scrape(scratch->shared);
  // Host collectors first, ingested ones second; the scrape series stay in name order
  // and come between the two.
  for (const bool ingested_pass : {false, true}) {
    for (std::size_t i = 0; i < collectors_.size(); ++i) {
      if (collectors_[i].ingested != ingested_pass) continue;
      const auto start = std::chrono::steady_clock::now();
      const bool ok = ingested_pass ? collect_ingested(i, scratch->ingested) : fill_host(i, scrape, sink);
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      scratch->seconds[i] = elapsed.count();
      scratch->succeeded[i] = ok;
    }
  }
  sink.begin(kDuration);
  for (std::size_t i = 0; i < collectors_.size(); ++i) sink.sample({collectors_[i].name}, scratch->seconds[i]);
  sink.begin(kSuccess);
  for (std::size_t i = 0; i < collectors_.size(); ++i) sink.sample({collectors_[i].name}, scratch->succeeded[i] ? 1 : 0);
  sink.take(scratch->ingested);
  scratch->ingested.clear();
  scratch_.give_back(std::move(scratch));
}

}  // namespace host_exporter::collectors
