#pragma once
// host_exporter's own process: CPU time, memory, file descriptors and start time,
// read from the real /proc/self (never through --path.procfs, which may point at
// another machine's tree), with the meaning of the Prometheus clients' process_* metrics.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::platform {

struct SelfProcessReading {
  double cpu_seconds = 0;            // user + system
  double resident_memory_bytes = 0;
  double virtual_memory_bytes = 0;
  double start_time_seconds = 0;     // since the Unix epoch
  std::optional<double> open_fds;    // absent when /proc/self/fd cannot be listed
  std::optional<double> max_fds;     // the soft RLIMIT_NOFILE; absent when unlimited
};

// The fields of /proc/<pid>/stat we use, in the units of the file.
struct ProcStatFields {
  std::uint64_t utime_ticks = 0;
  std::uint64_t stime_ticks = 0;
  std::uint64_t starttime_ticks = 0;  // since boot
  std::uint64_t vsize_bytes = 0;
  std::uint64_t rss_pages = 0;
};

// Parses /proc/<pid>/stat text; the command name may hold spaces and parentheses.
std::optional<ProcStatFields> parse_proc_stat(std::string_view text);

// Reads this process. Returns nullopt and sets `error` when /proc/self/stat or
// the boot time cannot be read.
std::optional<SelfProcessReading> read_self_process(std::string& error);

}  // namespace host_exporter::platform
