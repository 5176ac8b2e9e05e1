#pragma once
// One read of every process, as plain structs that every OS fills the same way: the
// Linux reader from /proc/[pid]/stat, the macOS adapter from sysctl KERN_PROC_ALL and
// proc_pidinfo. The process-group tracker (collectors/process_groups.hpp) works on
// this table alone, so grouping, top-N and the monotonic CPU accounting are shared.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace host_exporter::platform {

struct ProcessStat {
  int pid = 0;
  std::string comm;  // Linux: at most 15 bytes (the string's inline storage); macOS: the executable's basename
  char state = '?';  // proc(5) field 3: R, S, D, Z, T, t, X, I, ... (macOS: mapped to these letters)
  int ppid = 0;
  std::uint64_t utime_ticks = 0;      // field 14, USER_HZ ticks (macOS: nanoseconds)
  std::uint64_t stime_ticks = 0;      // field 15
  std::int64_t threads = 0;           // field 20
  std::uint64_t starttime_ticks = 0;  // field 22, ticks after boot (macOS: raw p_starttime, ns): with the pid, the identity
  std::uint64_t rss_pages = 0;        // field 24 (macOS: bytes, with a page size of 1)
};

struct ProcessReading {
  ProcessStat stat;
  std::optional<std::uint64_t> open_fds;  // absent when /proc/[pid]/fd could not be read
  std::optional<std::uint32_t> uid;       // real uid ("Uid:" of status); only with ProcessReadOptions::owner
  std::optional<std::uint64_t> footprint_bytes;  // macOS: ri_phys_footprint (Activity Monitor's "Memory")
};

struct ProcessTable {
  std::vector<ProcessReading> processes;  // in the order the procfs directory lists them
  std::size_t fds_unreadable = 0;         // processes whose descriptor directory was not readable
  std::string error;                      // set when the procfs root itself could not be read

  bool ok() const { return error.empty(); }
};

// The long name of a state letter, as `host_processes{state=...}` labels it.
std::string_view process_state_name(char state);

}  // namespace host_exporter::platform
