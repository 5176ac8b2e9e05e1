#pragma once
// macOS memory, read fresh at scrape time, in four views (see docs/metrics.md, "macOS"):
//   node_memory_*_bytes         node_exporter's darwin names (meminfo_darwin.go)
//   node_memory_MemTotal_bytes ... Linux-shaped series for dashboards written for Linux
//   host_memory_*, host_swap_*  btop's macOS formulas
//   host_memory_app_bytes ...   Activity Monitor's figures, and the memory pressure level

#include <mutex>
#include <vector>

#include "host_exporter/collector.hpp"
#include "platform/darwin/host_readers.hpp"

namespace host_exporter::collectors {

// The families of one reading (pure: the unit tests call it with recorded readings).
void append_darwin_memory_families(const platform::darwin::MemoryReading& reading, std::vector<MetricFamily>& out);

class DarwinMemoryCollector final : public Collector {
 public:
  explicit DarwinMemoryCollector(platform::darwin::Reader<platform::darwin::MemoryReading> reader);
  void collect(std::vector<MetricFamily>& out) override;

 private:
  std::mutex mutex_;
  platform::darwin::Reader<platform::darwin::MemoryReading> reader_;
};

}  // namespace host_exporter::collectors
