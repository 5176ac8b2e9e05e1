#pragma once
// How much of other processes this user may see, for doctor's process-permissions check.
// Linux: /proc/[pid]/fd and exe of every process (linux/process_access.cpp); macOS:
// proc_pidinfo of every process, which answers EPERM for other users' processes without
// root (darwin/process_access.cpp).

#include <cstddef>
#include <string>

#include "platform/roots.hpp"

namespace host_exporter::platform {

struct ProcessAccessSummary {
  std::string error;           // set when the processes cannot be listed at all
  std::string source;          // what was listed: "/proc", "sysctl KERN_PROC_ALL"
  std::size_t processes = 0;   // seen
  std::size_t fd_denied = 0;   // whose open descriptors could not be counted
  std::size_t exe_denied = 0;  // whose executable could not be read (Linux only)
  bool ok() const { return error.empty(); }
};

ProcessAccessSummary probe_process_access(const Roots& roots);

}  // namespace host_exporter::platform
