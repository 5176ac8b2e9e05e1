// snapshot --processes on macOS: the adapter's process table (CPU times in nanoseconds,
// resident size in bytes), the machine's CPU time in nanoseconds from the same read, and
// user names from getpwuid_r (macOS keeps most users in Open Directory, not /etc/passwd).
#include "platform/process_list_reader.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>

#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform {

struct ProcessListReader::State {};

ProcessListReader::ProcessListReader(const Roots&) : state_(std::make_unique<State>()) {}

ProcessListReader::~ProcessListReader() = default;

bool ProcessListReader::read(ProcessListSample& out) {
  darwin::ProcessClocks clocks;
  std::string error;
  if (!darwin::read_processes(out.table, clocks, error)) {
    if (out.table.error.empty()) out.table.error = error;
    return false;
  }
  out.cpu_total = static_cast<double>(clocks.cpu_total_ns);
  return true;
}

double ProcessListReader::resident_unit_bytes() const { return 1.0; }

std::vector<std::pair<std::uint32_t, std::string>> ProcessListReader::user_names(const ProcessTable& table) const {
  std::vector<std::uint32_t> uids;
  for (const auto& process : table.processes) {
    if (process.uid) uids.push_back(*process.uid);
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  std::vector<std::pair<std::uint32_t, std::string>> users;
  std::vector<char> buffer(4096);
  for (const std::uint32_t uid : uids) {
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr) {
      users.emplace_back(uid, found->pw_name);
    }
  }
  return users;
}

}  // namespace host_exporter::platform
