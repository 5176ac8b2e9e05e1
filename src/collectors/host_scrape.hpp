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

#include <memory>
#include <string>
#include <vector>

#include "host_exporter/collector.hpp"

namespace host_exporter::collectors {

class HostScrape final : public Collector {
 public:
  struct Named {
    std::string name;
    std::unique_ptr<Collector> collector;
    bool ingested = false;  // CollectorDefinition::ingested
  };

  explicit HostScrape(std::vector<Named> collectors);

  void collect(std::vector<MetricFamily>& out) override;

  const std::vector<Named>& collectors() const { return collectors_; }

 private:
  std::vector<Named> collectors_;
};

}  // namespace host_exporter::collectors
