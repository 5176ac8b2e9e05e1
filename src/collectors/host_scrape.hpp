#pragma once
// Runs the enabled host collectors for one scrape and reports, for each,
// node_scrape_collector_duration_seconds and node_scrape_collector_success,
// as node_exporter does. A collector that throws reports success 0, logs why,
// and the scrape goes on with everything else.
//
// Families come out host first: every host collector's, then node_scrape_collector_*,
// then the ingested collectors' (textfile), whatever their names. Where names clash,
// the first family wins (ingest::make_family_names_unique), so a textfile file can
// add series to a host family but never replace it.
//
// Every collector has a deadline (kCollectorDeadline unless told). An ingested
// collector reads what users put on disk, which may block (a hung network
// filesystem): it runs on a thread of its own (DeadlineCall) and the scrape
// stops waiting for it at the deadline; while that thread has found its reads
// cannot hang (every directory on a local filesystem), it runs inline instead. Host collectors read /proc and /sys
// inline (a hand-off would cost more than most of them); one that returns after
// its deadline is reported failed and its families are dropped, so a slow
// collector shows as failed rather than as a slow scrape with no culprit.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "collectors/deadline_call.hpp"
#include "collectors/host_collector.hpp"
#include "exposition/sink.hpp"
#include "exposition/spare_pool.hpp"
#include "host_exporter/collector.hpp"

namespace host_exporter::collectors {

// Below Prometheus's default scrape timeout (10 s), above the textfile timeout (5 s).
inline constexpr std::chrono::milliseconds kCollectorDeadline{9000};

class HostScrape final : public exposition::SinkSource {
 public:
  struct Named {
    std::string name;
    std::shared_ptr<HostCollector> collector;
    bool ingested = false;  // CollectorDefinition::ingested
  };

  // `reads_the_kernel`: the host collectors read the running kernel's own files
  // (platform::collectors_read_the_kernel), so reads_cannot_hang() may say yes.
  explicit HostScrape(std::vector<Named> collectors, bool reads_the_kernel = false,
                      std::chrono::milliseconds deadline = kCollectorDeadline);

  // One scrape into `sink` (appended). This is the server's path: with a sink reused
  // from scrape to scrape, a steady-state scrape allocates almost nothing.
  void fill(exposition::Sink& sink) override;
  // True while the collectors read the kernel, every host collector says so and every ingested
  // one runs inline (its directories found local): the whole scrape then reads nothing that can block.
  bool reads_cannot_hang() const override;
  // collect(), from SinkSource: one scrape as MetricFamily values, the simple way to
  // gather the current host families.

  const std::vector<Named>& collectors() const { return collectors_; }

 private:
  // Per-scrape storage, reused: concurrent scrapes each take one from the pool.
  struct Scratch {
    platform::ScrapeScratch shared;  // the readings collectors share within the scrape
    std::vector<double> seconds;  // per collector
    std::vector<bool> succeeded;
    std::vector<MetricFamily> ingested;
  };

  bool fill_host(std::size_t index, ScrapeContext& scrape, exposition::Sink& sink);
  bool collect_ingested(std::size_t index, std::vector<MetricFamily>& target);

  std::vector<Named> collectors_;
  std::vector<std::unique_ptr<DeadlineCall>> guarded_;  // per collector; null for host ones
  bool reads_the_kernel_;
  std::chrono::milliseconds deadline_;
  exposition::SparePool<Scratch> scratch_;
};

}  // namespace host_exporter::collectors
