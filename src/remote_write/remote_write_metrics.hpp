#pragma once
// host_exporter_remote_write_*: agent mode's self-metrics, one series set per destination
// (label url), named after the Prometheus agent's prometheus_remote_storage_* (docs/metrics.md).

#include <memory>
#include <vector>

#include "host_exporter/collector.hpp"
#include "remote_write/destination.hpp"

namespace host_exporter::remote_write {

class RemoteWriteMetrics final : public Collector {
 public:
  explicit RemoteWriteMetrics(std::vector<std::shared_ptr<const Destination>> destinations)
      : destinations_(std::move(destinations)) {}

  void collect(std::vector<MetricFamily>& out) override;
  bool reads_cannot_hang() const override { return true; }  // counters

 private:
  std::vector<std::shared_ptr<const Destination>> destinations_;
};

}  // namespace host_exporter::remote_write
