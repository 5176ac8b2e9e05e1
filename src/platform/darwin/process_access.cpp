// doctor's permission check on macOS: proc_pidinfo answers EPERM for another user's
// process unless we are root, so its descriptors (and CPU and memory) are missing.
#include "platform/darwin/system_readers.hpp"
#include "platform/process_access.hpp"

namespace host_exporter::platform {

ProcessAccessSummary probe_process_access(const Roots&) {
  ProcessAccessSummary summary;
  summary.source = "sysctl KERN_PROC_ALL";
  ProcessTable table;
  darwin::ProcessClocks clocks;
  if (!darwin::read_processes(table, clocks, summary.error)) {
    if (summary.error.empty()) summary.error = table.error.empty() ? "cannot list processes" : table.error;
    return summary;
  }
  summary.error.clear();  // a failed CPU tick read does not matter here
  summary.processes = table.processes.size();
  summary.fd_denied = table.fds_unreadable;
  return summary;
}

}  // namespace host_exporter::platform
