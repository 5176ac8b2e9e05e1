#include "collectors/host_collector.hpp"

namespace host_exporter::collectors {

void HostCollector::collect(std::vector<MetricFamily>& out) {
  StandaloneScrape scrape;
  Sink sink;
  fill(scrape.context(), sink);
  sink.to_families(out);
}

}  // namespace host_exporter::collectors
