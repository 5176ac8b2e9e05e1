#pragma once
// The cpu collector: node_exporter's node_cpu_seconds_total{cpu,mode} and
// node_cpu_guest_seconds_total{cpu,mode} from /proc/stat, kept monotonic across
// CPU hotplug as node_exporter does, plus btop's utilisation ratios
// (host_cpu_utilization_ratio, host_cpu_core_utilization_ratio{cpu}) from the
// sampler. Declared here so tests can drive it directly.

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "collectors/cpu_utilization.hpp"
#include "collectors/host_collector.hpp"
#include "platform/linux/stat_reader.hpp"
#include "platform/roots.hpp"

namespace host_exporter::collectors {

class CpuCollector final : public HostCollector {
 public:
  // `utilization` may be null (no sampler): then the host_cpu_* series are left out.
  CpuCollector(const platform::Roots& roots, bool guest, std::shared_ptr<CpuUtilizationSource> utilization);

  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  struct CpuState {
    platform::CpuTimes counters;               // ticks, never decreasing
    std::array<std::string, 8> mode_labels;    // cpu="N",mode="user" ... mode="steal", rendered once
    std::array<std::string, 2> guest_labels;   // cpu="N",mode="user" / mode="nice"
    bool online = false;
  };

  void update_counters(const platform::StatReading& reading);
  const std::string& core_label(int cpu);

  std::mutex mutex_;
  const platform::Roots roots_;  // /proc/stat comes from the scrape's context, shared with the stat collector
  const bool guest_;
  const double ticks_per_second_;
  std::shared_ptr<CpuUtilizationSource> utilization_;
  std::map<int, CpuState> cpus_;
  std::map<int, std::string> core_labels_;  // cpu="N" for the btop series
  CpuUtilizationWindow window_;
};

}  // namespace host_exporter::collectors
