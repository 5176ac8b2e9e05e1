#include "collectors/host_collector.hpp"

#include <atomic>

namespace host_exporter::collectors {

namespace {
// Standalone scrapes count down from the top, apart from HostScrape's ids.
std::atomic<std::uint64_t> standalone_ids{~std::uint64_t{0}};
}  // namespace

StandaloneScrape::StandaloneScrape()
#if defined(__linux__)
    : context_(standalone_ids.fetch_sub(1), ScrapeContext::Clock::time_point::max(), stat_){}
#else
    : context_(standalone_ids.fetch_sub(1), ScrapeContext::Clock::time_point::max()) {
}
#endif

      void HostCollector::collect(std::vector<MetricFamily> & out) {
  StandaloneScrape scrape;
  Sink sink;
  fill(scrape.context(), sink);
  sink.to_families(out);
}

}  // namespace host_exporter::collectors
