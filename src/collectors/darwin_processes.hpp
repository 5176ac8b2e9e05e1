#pragma once
// macOS processes, grouped by name with the same tracker as on Linux (process_groups.hpp):
// one read of every process per sampler window (sysctl KERN_PROC_ALL, proc_pidinfo
// PROC_PIDTASKINFO, proc_pid_rusage), CPU times in nanoseconds (Mach ticks converted with
// hw.tbfrequency), resident memory in bytes, and the phys_footprint besides.

#include <memory>
#include <mutex>
#include <string>

#include "collectors/process_groups.hpp"
#include "collectors/sampler.hpp"
#include "collectors/host_collector.hpp"
#include "platform/darwin/host_readers.hpp"

namespace host_exporter::collectors {

class DarwinProcessSource final : public SampledSource {
 public:
  DarwinProcessSource(decltype(platform::darwin::HostReaders::processes) reader, ProcessGroupOptions options);
  void take_sample(std::chrono::steady_clock::time_point now) override;
  // False before the first window; `error` says why the last sample failed.
  bool copy_window(ProcessWindow& out, std::string& error) const;

 private:
  decltype(platform::darwin::HostReaders::processes) reader_;
  std::mutex sample_mutex_;
  ProcessGroupTracker tracker_;
  platform::ProcessTable table_;
  ProcessWindow next_;
  mutable std::mutex published_mutex_;
  bool valid_ = false;
  std::string error_;
  ProcessWindow published_;
};

class DarwinProcessesCollector final : public HostCollector {
 public:
  DarwinProcessesCollector(std::shared_ptr<DarwinProcessSource> source, bool sampled_by_caller);
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  std::mutex mutex_;
  std::shared_ptr<DarwinProcessSource> source_;
  bool sampled_by_caller_;
  ProcessWindow window_;
};

}  // namespace host_exporter::collectors
