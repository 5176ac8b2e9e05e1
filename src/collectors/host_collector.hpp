#pragma once
// The internal host pipeline's collector: it describes its families once
// (exposition::FamilyDescriptor, static text) and per scrape only appends values and
// label values into the scrape's sink. The scrape's context is a parameter.
//
// A HostCollector is also a public Collector (collect() runs a scrape of its own and
// hands back MetricFamily values), for tests, tools and the probe; the server's
// scrapes call fill().

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "collectors/scrape_context.hpp"
#include "exposition/sink.hpp"
#include "host_exporter/collector.hpp"

namespace host_exporter::collectors {

using exposition::FamilyDescriptor;
using exposition::Sink;

class HostCollector : public Collector {
 public:
  // Appends this scrape's samples. Must be safe to call from several scrapes at once.
  // Throws only for a failure of the whole collector (HostScrape drops what it added).
  virtual void fill(ScrapeContext& scrape, Sink& sink) = 0;

  // One scrape of this collector alone, as MetricFamily values.
  void collect(std::vector<MetricFamily>& out) final;

  // Host collectors read /proc, /sys, sysctl and IOKit: nothing that waits on another machine.
  // The filesystem collectors say otherwise while a mount needs a timed statfs.
  bool reads_cannot_hang() const override { return true; }
};

// A public Collector (textfile, or one not converted to the sink) in the host pipeline:
// its families are taken whole. For an ingested one, `hang_probe` (which may block: only a
// DeadlineCall worker asks it) lets HostScrape call it inline while it says yes.
class AdaptedCollector final : public HostCollector {
 public:
  explicit AdaptedCollector(std::shared_ptr<Collector> inner, std::function<bool()> hang_probe = {})
      : inner_(std::move(inner)), hang_probe_(std::move(hang_probe)) {}
  void fill(ScrapeContext&, Sink& sink) override { sink.collect_from(*inner_); }
  bool reads_cannot_hang() const override { return inner_->reads_cannot_hang(); }
  const std::shared_ptr<Collector>& inner() const { return inner_; }
  const std::function<bool()>& hang_probe() const { return hang_probe_; }

 private:
  std::shared_ptr<Collector> inner_;
  std::function<bool()> hang_probe_;
};

// A T (a public Collector) built from `args`, in the host pipeline through an adapter.
template <typename T, typename... Args>
std::unique_ptr<HostCollector> adapted(Args&&... args) {
  return std::make_unique<AdaptedCollector>(std::make_shared<T>(std::forward<Args>(args)...));
}

// A context for a scrape outside HostScrape (a collector on its own), with its own scratch.
class StandaloneScrape {
 public:
  ScrapeContext& context() { return context_; }

 private:
  platform::ScrapeScratch scratch_;
  ScrapeContext context_{scratch_};
};

}  // namespace host_exporter::collectors
