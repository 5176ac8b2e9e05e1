#pragma once
// The processes collector: btop's process view, grouped by name with bounded
// cardinality (see process_groups.hpp for how groups are chosen and how CPU
// counters stay monotonic). Everything comes from one read of every process per
// sampler window; a scrape only copies the last window.
//
//   host_process_group_processes{name}              processes in the group
//   host_process_group_cpu_seconds_total{name,mode} user / system CPU time
//   host_process_group_cpu_utilization_ratio{name}  btop's whole-machine share over the window
//   host_process_group_resident_memory_bytes{name}  rss pages x page size
//   host_process_group_threads{name}
//   host_process_group_open_fds{name}               only processes whose fd/ was readable
//   host_processes{state}, host_threads
//   host_process_info{pid,name,cmdline}             only with --collector.processes.cmdline

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "collectors/process_groups.hpp"
#include "collectors/sampler.hpp"
#include "collectors/host_collector.hpp"
#include "platform/linux/process_table_reader.hpp"
#include "platform/linux/stat_reader.hpp"
#include "platform/roots.hpp"

namespace host_exporter::collectors {

struct ProcessesOptions {
  std::size_t top = 15;
  std::string include;  // regex, whole name; empty for none
  std::string exclude;
  bool cmdline = false;
  std::size_t cmdline_max_bytes = 256;
};

// Builds the tracker's options; throws std::invalid_argument for a bad regex.
ProcessGroupOptions process_group_options(const ProcessesOptions& options);

class ProcessSource final : public SampledSource {
 public:
  ProcessSource(const platform::Roots& roots, const ProcessesOptions& options);

  void take_sample(std::chrono::steady_clock::time_point now) override;

  // Copies the last window; false before the first sample. `error` says why the
  // last sample failed (the window is then the one before it, if any).
  bool copy_window(ProcessWindow& out, std::vector<std::string>& info_labels, std::string& error) const;

 private:
  struct CachedCommandLine {
    std::uint64_t starttime = 0;
    std::string comm;
    std::string labels;  // pid="...",name="...",cmdline="..."
  };

  std::mutex sample_mutex_;
  ProcessesOptions options_;
  platform::ProcessTableReader reader_;
  platform::ProcessTable table_;
  ProcessGroupTracker tracker_;
  std::string stat_path_, uptime_path_;
  std::string stat_buffer_, uptime_buffer_;
  platform::StatReading stat_;
  std::unordered_map<int, CachedCommandLine> command_lines_;
  // Descriptor counts of exported groups' members, recounted every kFdRecountWindows
  // windows (and for a new process): counting is a procfs call per process. Kept as
  // vectors sorted by pid: members are asked for in the table's order, ascending on
  // procfs, so each window is one merge walk over the last one's counts.
  struct CachedFdCount {
    int pid = 0;
    std::uint64_t starttime = 0;
    std::optional<std::uint64_t> count;
    std::uint64_t counted_in = 0;  // sample number
  };
  std::optional<std::uint64_t> open_fds(const platform::ProcessReading& process);
  std::vector<CachedFdCount> fd_counts_;       // the last window's members, sorted by pid
  std::vector<CachedFdCount> next_fd_counts_;  // this window's, in the order asked
  std::size_t fd_cursor_ = 0;
  bool fd_asked_in_order_ = true;
  std::uint64_t sample_number_ = 0;
  std::string command_line_;
  ProcessWindow next_;
  std::vector<std::string> next_info_;

  mutable std::mutex published_mutex_;
  bool published_valid_ = false;
  std::string published_error_;
  ProcessWindow published_;
  std::vector<std::string> published_info_;
};

class ProcessesCollector final : public HostCollector {
 public:
  // `sampled_by_caller`: the source is registered with a running Sampler. When false
  // (no sampler: snapshot, tests), every collect() takes a sample first.
  ProcessesCollector(std::shared_ptr<ProcessSource> source, bool sampled_by_caller);
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  std::mutex mutex_;
  std::shared_ptr<ProcessSource> source_;
  bool sampled_by_caller_;
  ProcessWindow window_;
  std::vector<std::string> info_;
  std::string error_;
};

}  // namespace host_exporter::collectors
