// doctor's permission check on Linux: may this user open /proc/[pid]/fd and exe of
// every process (another user's need root or CAP_SYS_PTRACE)?
#include "platform/process_access.hpp"

#include <vector>

#include "platform/linux/process_table_reader.hpp"

namespace host_exporter::platform {

ProcessAccessSummary probe_process_access(const Roots& roots) {
  ProcessAccessSummary summary;
  summary.source = roots.procfs;
  ProcessTableReader reader(roots);
  std::vector<int> pids;
  if (!reader.list_pids(pids, &summary.error)) {
    if (summary.error.empty()) summary.error = "cannot list " + summary.source;
    return summary;
  }
  for (const int pid : pids) {
    const auto access = reader.probe_access(pid);
    if (!access.exists) continue;
    ++summary.processes;
    summary.fd_denied += access.fd_denied ? 1 : 0;
    summary.exe_denied += access.exe_denied ? 1 : 0;
  }
  return summary;
}

}  // namespace host_exporter::platform
