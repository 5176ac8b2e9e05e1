#pragma once
// Runs the enabled host collectors for one scrape and reports, for each,
// node_scrape_collector_duration_seconds and node_scrape_collector_success,
// as node_exporter does. A collector that throws reports success 0, logs why,
// and the scrape goes on with everything else.

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
  };

  explicit HostScrape(std::vector<Named> collectors);

  void collect(std::vector<MetricFamily>& out) override;

  const std::vector<Named>& collectors() const { return collectors_; }

 private:
  std::vector<Named> collectors_;
};

}  // namespace host_exporter::collectors
