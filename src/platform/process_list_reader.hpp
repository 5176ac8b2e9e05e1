#pragma once
// Every process with its owner, and the machine's CPU time in the same unit as the
// processes' CPU times, for `host_exporter snapshot --processes` (a btop-like list).
// Linux: <procfs>/[pid]/stat and status, <procfs>/stat, <rootfs>/etc/passwd
// (linux/process_list_reader.cpp); macOS: the adapter's process table (KERN_PROC_ALL,
// proc_pidinfo), host_processor_info and getpwuid (darwin/process_list_reader.cpp).

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "platform/process_table.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {

struct ProcessListSample {
  ProcessTable table;    // with ProcessReading::uid set where known
  double cpu_total = 0;  // the machine's CPU time in the unit of utime/stime; 0 when unknown
};

class ProcessListReader {
 public:
  explicit ProcessListReader(const Roots& roots);
  ~ProcessListReader();
  ProcessListReader(const ProcessListReader&) = delete;
  ProcessListReader& operator=(const ProcessListReader&) = delete;

  // False (and out.table.error set) when the processes cannot be listed.
  bool read(ProcessListSample& out);

  // Bytes per unit of ProcessStat::rss_pages (the page size; 1 on macOS).
  double resident_unit_bytes() const;

  // uid -> user name for the uids of `table` (unknown uids are left out).
  std::vector<std::pair<std::uint32_t, std::string>> user_names(const ProcessTable& table) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace host_exporter::platform
