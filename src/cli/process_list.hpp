#pragma once
// `host_exporter snapshot --processes`: a btop-like list of the busiest processes,
// one line each (not grouped): pid, name, threads, user, resident memory and CPU %
// over one sampler window (btop's formula: d(utime+stime) / d(total jiffies) x 100,
// the whole machine = 100 %). The readings come from platform/process_list_reader.hpp
// (procfs on Linux, libproc on macOS, where the times are nanoseconds).

#include <cstddef>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "platform/process_table.hpp"

namespace host_exporter::cli {

struct ProcessListRow {
  int pid = 0;
  std::string name;
  std::int64_t threads = 0;
  std::string user;
  double resident_bytes = 0;
  double cpu_percent = 0;
};

// Rows for the processes of `current`, CPU % against `previous` (a process not in
// `previous`, or with another start time, shows 0 % as in btop), sorted by CPU
// then memory, at most `limit`. `users` maps uid to name. `total_ticks_delta` is the
// machine's CPU time over the window and `page_size` the bytes per rss unit, both in
// the table's units.
std::vector<ProcessListRow> process_list_rows(const platform::ProcessTable& previous,
                                              const platform::ProcessTable& current, double total_ticks_delta,
                                              const std::vector<std::pair<std::uint32_t, std::string>>& users,
                                              double page_size, std::size_t limit);

std::string render_process_list(const std::vector<ProcessListRow>& rows, std::size_t total_processes);

int run_process_list(const Options& options);

}  // namespace host_exporter::cli
