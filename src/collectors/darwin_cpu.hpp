#pragma once
// macOS CPU: node_cpu_seconds_total{cpu,mode} with node_exporter's four darwin modes
// (user, nice, system, idle; CLK_TCK ticks / 100), and btop's utilisation over the
// sampler's window (host_cpu_utilization_ratio, host_cpu_core_utilization_ratio{cpu}):
// total = user + nice + system + idle, idle = idle; and on Apple Silicon
// host_cpu_core_type_info{cpu,core_type} from hw.perflevelN (conversions/core_types.hpp).

#include <memory>
#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "collectors/host_collector.hpp"
#include "collectors/sampler.hpp"
#include "platform/darwin/host_readers.hpp"

namespace host_exporter::collectors {

struct DarwinCpuWindow {
  std::optional<double> total;
  std::vector<std::pair<int, double>> cores;
};

class DarwinCpuSource final : public SampledSource {
 public:
  explicit DarwinCpuSource(platform::darwin::Reader<std::vector<platform::darwin::CpuLoadTicks>> reader);
  void take_sample(std::chrono::steady_clock::time_point now) override;
  // False before the first sample or when the last one failed.
  bool copy_window(DarwinCpuWindow& out) const;

 private:
  platform::darwin::Reader<std::vector<platform::darwin::CpuLoadTicks>> reader_;
  std::mutex sample_mutex_;
  std::vector<platform::darwin::CpuLoadTicks> previous_, current_;
  mutable std::mutex published_mutex_;
  bool valid_ = false;
  DarwinCpuWindow published_;
};

class DarwinCpuCollector final : public HostCollector {
 public:
  DarwinCpuCollector(platform::darwin::Reader<std::vector<platform::darwin::CpuLoadTicks>> reader,
                     platform::darwin::Reader<std::vector<platform::darwin::PerfLevel>> perf_levels,
                     std::shared_ptr<DarwinCpuSource> utilization);
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  std::mutex mutex_;
  platform::darwin::Reader<std::vector<platform::darwin::CpuLoadTicks>> reader_;
  platform::darwin::Reader<std::vector<platform::darwin::PerfLevel>> perf_levels_;
  std::optional<std::vector<std::string>> core_types_;  // read once: the core kinds do not change
  std::vector<std::string> core_type_labels_;          // rendered from core_types_
  std::shared_ptr<DarwinCpuSource> utilization_;
  std::vector<platform::darwin::CpuLoadTicks> ticks_;
  std::vector<std::array<std::string, 4>> mode_labels_;  // per CPU: user, nice, system, idle
  std::vector<std::string> cpu_labels_;                  // per CPU: cpu="N"
  DarwinCpuWindow window_;
};

}  // namespace host_exporter::collectors
