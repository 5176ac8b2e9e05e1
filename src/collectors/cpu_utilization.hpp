#pragma once
// btop's CPU utilisation over the sampler's window: for the whole machine (the
// "cpu" line of /proc/stat) and for each core ("cpuN").
//
//   total = user + nice + system + idle + iowait + irq + softirq + steal
//   idle  = idle + iowait            (iowait counts as idle; irq, softirq, steal as busy)
//   ratio = (dtotal - didle) / dtotal between two consecutive samples
//
// btop shows round(ratio * 100) as an integer percent; we keep the ratio unrounded.
// The first sample is measured against zero, so until a second sample exists the
// value is the average since boot (btop does the same). A window in which a
// core's counters went backwards (CPU hotplug) gives no value for that core, and
// a core that comes online after the first sample has its first value one
// window later, instead of a spike.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "collectors/sampler.hpp"
#include "platform/linux/stat_reader.hpp"
#include "platform/roots.hpp"

namespace host_exporter::collectors {

// btop's total of a CPU line: the first 8 columns (guest and guest_nice are
// already inside user and nice). Also the denominator of a process's CPU share.
std::uint64_t total_ticks(const platform::CpuTimes& times);

// The busy share of the time between `previous` and `current`, in 0..1; nullopt
// when no time passed or a counter went backwards (the window cannot be trusted).
std::optional<double> busy_ratio(const platform::CpuTimes& previous, const platform::CpuTimes& current);

struct CpuUtilizationWindow {
  std::optional<double> total;               // the whole machine
  std::vector<std::pair<int, double>> cores;  // (cpu number, ratio), in /proc/stat order
  // Wall-clock instants (Unix seconds) at which the reads of /proc/stat for the
  // window's first and last samples began; no start for the first window (it
  // runs from boot). They let a reader of /proc/stat reproduce the window.
  std::optional<double> start_time;
  double end_time = 0;
};

class CpuUtilizationSource final : public SampledSource {
 public:
  explicit CpuUtilizationSource(const platform::Roots& roots);

  void take_sample(std::chrono::steady_clock::time_point now) override;

  // Copies the last window into `out`; false (and `out` untouched) before the
  // first sample, or when the last sample could not read /proc/stat.
  bool copy_window(CpuUtilizationWindow& out) const;

 private:
  std::mutex sample_mutex_;  // the reading and the previous counters
  platform::CachedFile stat_file_;  // /proc/stat, kept open
  std::string buffer_;
  platform::StatReading reading_;
  platform::CpuTimes previous_total_;
  double previous_read_time_ = 0;
  std::map<int, platform::CpuTimes> previous_cores_;
  bool first_sample_ = true;

  mutable std::mutex published_mutex_;
  bool published_valid_ = false;
  CpuUtilizationWindow published_;
  CpuUtilizationWindow next_;  // built outside the publish lock, then swapped in
};

}  // namespace host_exporter::collectors
