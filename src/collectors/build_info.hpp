#pragma once
// host_exporter_build_info{version,revision,compiler} 1: which build is running.

#include "host_exporter/collector.hpp"

namespace host_exporter::collectors {

class BuildInfoCollector final : public Collector {
 public:
  BuildInfoCollector();
  void collect(std::vector<MetricFamily>& out) override;

 private:
  std::string labels_;  // rendered once
};

}  // namespace host_exporter::collectors
