#include "collectors/host_collector.hpp"

namespace host_exporter::collectors {

#if defined(__linux__)
StandaloneScrape::StandaloneScrape() : context_(stat_) {}
#else
StandaloneScrape::StandaloneScrape() = default;
#endif

void HostCollector::collect(std::vector<MetricFamily>& out) {
  StandaloneScrape scrape;
  Sink sink;
  fill(scrape.context(), sink);
  sink.to_families(out);
}

}  // namespace host_exporter::collectors
