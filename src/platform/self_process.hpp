#pragma once
// host_exporter's own process: CPU time, memory, file descriptors and start time, with
// the meaning of the Prometheus clients' process_* metrics. Always this process, never
// through --path.procfs (which may point at another machine's tree).
// Linux: /proc/self (linux/self_process.cpp); macOS: proc_pidinfo and getrusage
// (darwin/self_process.cpp).

#include <optional>
#include <string>

namespace host_exporter::platform {

struct SelfProcessReading {
  double cpu_seconds = 0;            // user + system
  double resident_memory_bytes = 0;
  double virtual_memory_bytes = 0;
  double start_time_seconds = 0;     // since the Unix epoch
  std::optional<double> open_fds;    // absent when the descriptors cannot be counted
  std::optional<double> max_fds;     // the soft RLIMIT_NOFILE; absent when unlimited
};

// Reads this process. Returns nullopt and sets `error` when it cannot.
std::optional<SelfProcessReading> read_self_process(std::string& error);

}  // namespace host_exporter::platform
