#pragma once
// Turns successive process tables into per-group series with bounded cardinality.
//
// A group is every process with the same name, as btop names a process: its
// comm (/proc/[pid]/comm, the name in /proc/[pid]/stat), kernel threads included.
//
// CPU time is accounted as deltas: each window, a process seen before (same pid
// AND same start time) adds what its utime/stime grew by; a process that started
// within the window adds all of its time; a process that exited adds nothing more
// (it already gave its time up to the last window). Every delta goes to exactly
// ONE exported series: the group's own, when the group is exported in that
// window, or name="other" otherwise. So every exported cpu_seconds_total series
// only ever grows, and sum(rate(...)) over all names is the whole process CPU.
//
// Exported groups: the top N by CPU and the top N by resident memory of the
// window, the --include matches, and (to keep series from flapping at the edge)
// groups exported in the previous window that still rank within 2N by either.
// Excluded groups are dropped entirely (not folded into "other").

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/process_table.hpp"

namespace host_exporter::collectors {

struct ProcessGroupOptions {
  std::size_t top = 15;
  std::optional<std::regex> include;  // matched against the whole name
  std::optional<std::regex> exclude;
  std::size_t max_remembered_groups = 4096;        // names kept between windows (their exported counters)
  std::uint64_t forget_after_windows = 1800;       // a name unseen this long is forgotten (1 h at 2 s)
  bool top_process_pids = false;                   // also list the top processes (for the cmdline info)
};

struct ProcessGroupRow {
  std::string labels;         // name="..."
  std::string user_labels;    // name="...",mode="user"
  std::string system_labels;  // name="...",mode="system"
  double user_seconds = 0;
  double system_seconds = 0;
  double processes = 0;
  double resident_bytes = 0;
  double threads = 0;
  std::optional<double> open_fds;     // groups exported by name only; absent when no member's could be counted
  std::optional<double> footprint_bytes;  // macOS phys_footprint; absent when no member's was read
  std::optional<double> utilization;  // absent without a CPU window
};

inline constexpr std::size_t kProcessStateCount = 12;

struct ProcessWindow {
  std::vector<ProcessGroupRow> groups;  // exported groups by name, then name="other" last
  std::size_t state_counts[kProcessStateCount] = {};  // indexed like process_state_names()
  double threads = 0;
  std::vector<int> top_pids;  // with ProcessGroupOptions::top_process_pids
};

// The long state names in index order.
const std::string_view* process_state_names();
// host_processes exports a state that counts no process only when it is in this mask (bit i
// for process_state_names()[i]), so that a dashboard shows 0 rather than nothing; the
// others appear when present. Linux: the first eight.
inline constexpr std::uint16_t kLinuxAlwaysExportedStates = 0xff;
// macOS: the states conversions/process_state.hpp can derive (running, sleeping,
// disk-sleep, zombie, stopped, idle); XNU has no tracing-stop, dead, parked, wakekill or
// waking, and "unknown" (threads unreadable) appears when present.
inline constexpr std::uint16_t kDarwinAlwaysExportedStates = 0b1001'1111;

class ProcessGroupTracker {
 public:
  ProcessGroupTracker(ProcessGroupOptions options, double ticks_per_second, double page_size_bytes);

  // Counts one process's open descriptors (nullopt: gone or not readable).
  using OpenFdCounter = std::function<std::optional<std::uint64_t>(const platform::ProcessReading&)>;

  // Accounts one sample and writes the window's results into `out` (reusing its storage).
  // `cpu_total_ticks`: the sum of the first 8 columns of /proc/stat's "cpu" line;
  // `uptime_ticks`: the uptime in the same ticks (to tell a new process from an old unseen one).
  // Descriptors are counted only for the members of groups exported by name this window
  // (counting is most of the kernel's cost of a window otherwise): with `count_open_fds`,
  // it is called for those members alone; without it, their ProcessReading::open_fds is used.
  // name="other" has no descriptor count.
  void add_sample(const platform::ProcessTable& table, std::optional<std::uint64_t> cpu_total_ticks,
                  std::optional<std::uint64_t> uptime_ticks, ProcessWindow& out,
                  const OpenFdCounter& count_open_fds = {});

  std::size_t remembered_groups() const { return groups_.size(); }

 private:
  struct Group {
    std::string name;
    std::string labels, user_labels, system_labels;
    bool excluded = false;
    bool included = false;
    bool exportable = true;  // false for a real group called "other"
    std::uint64_t exported_user_ticks = 0;    // grows only while exported
    std::uint64_t exported_system_ticks = 0;
    std::uint64_t last_seen_window = 0;
    bool exported_last_window = false;
    // This window:
    std::uint64_t user_ticks = 0, system_ticks = 0;
    std::uint64_t processes = 0, rss_pages = 0, open_fds = 0, footprint_bytes = 0;
    std::int64_t threads = 0;
    bool fds_known = false;
    bool footprint_known = false;
    std::size_t cpu_rank = 0, memory_rank = 0;
  };
  struct PidState {
    std::uint64_t starttime = 0;
    std::uint64_t utime = 0, stime = 0;
    Group* group = nullptr;
    std::uint64_t seen_window = 0;
  };
  struct ProcessDelta {
    std::uint64_t cpu_ticks;
    std::uint64_t rss_pages;
    int pid;
  };

  Group& group_named(const std::string& name);
  void rank_groups();
  void forget_old_groups();
  void fill_row(ProcessGroupRow& row, const Group& group, std::optional<double> total_ticks) const;
  void select_top_pids(std::vector<int>& out);

  ProcessGroupOptions options_;
  double ticks_per_second_;
  double page_size_;
  std::unordered_map<std::string, Group> groups_;  // node-based: Group* stays valid across inserts
  std::unordered_map<int, PidState> pids_;
  std::uint64_t window_ = 0;
  std::optional<std::uint64_t> previous_cpu_total_;
  std::optional<std::uint64_t> previous_uptime_;
  Group other_;  // name="other": its exported counters take the deltas of every group not exported
  std::vector<Group*> live_;     // groups seen in this window
  std::vector<Group*> ranking_;  // scratch
  std::vector<ProcessDelta> process_deltas_;
  std::vector<std::pair<const platform::ProcessReading*, Group*>> members_;  // this window, excluded ones left out
};

}  // namespace host_exporter::collectors
