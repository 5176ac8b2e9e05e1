#include "cli/process_list.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <thread>
#include <unordered_map>

#include "cli/human_units.hpp"
#include "platform/process_list_reader.hpp"

namespace host_exporter::cli {

namespace {

constexpr std::size_t kShown = 30;

}  // namespace

std::vector<ProcessListRow> process_list_rows(const platform::ProcessTable& previous,
                                              const platform::ProcessTable& current, double total_ticks_delta,
                                              const std::vector<std::pair<std::uint32_t, std::string>>& users,
                                              double page_size, std::size_t limit) {
  std::unordered_map<int, const platform::ProcessStat*> before;
  for (const auto& process : previous.processes) before[process.stat.pid] = &process.stat;
  std::vector<ProcessListRow> rows;
  rows.reserve(current.processes.size());
  for (const auto& process : current.processes) {
    const auto& stat = process.stat;
    ProcessListRow row;
    row.pid = stat.pid;
    row.name = stat.comm;
    row.threads = stat.threads;
    row.resident_bytes = static_cast<double>(stat.rss_pages) * page_size;
    if (process.uid) {
      row.user = std::to_string(*process.uid);
      for (const auto& [uid, name] : users) {
        if (uid == *process.uid) {
          row.user = name;
          break;
        }
      }
    }
    const auto found = before.find(stat.pid);
    if (found != before.end() && found->second->starttime_ticks == stat.starttime_ticks && total_ticks_delta > 0) {
      const std::uint64_t now = stat.utime_ticks + stat.stime_ticks;
      const std::uint64_t then = found->second->utime_ticks + found->second->stime_ticks;
      row.cpu_percent = now > then ? std::clamp(static_cast<double>(now - then) * 100.0 / total_ticks_delta, 0.0, 100.0)
                                   : 0.0;
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const ProcessListRow& a, const ProcessListRow& b) {
    if (a.cpu_percent != b.cpu_percent) return a.cpu_percent > b.cpu_percent;
    if (a.resident_bytes != b.resident_bytes) return a.resident_bytes > b.resident_bytes;
    return a.pid < b.pid;
  });
  if (rows.size() > limit) rows.resize(limit);
  return rows;
}

std::string render_process_list(const std::vector<ProcessListRow>& rows, std::size_t total_processes) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "Top %zu of %zu processes by CPU (whole machine = 100%%)\n", rows.size(),
                total_processes);
  out += line;
  std::snprintf(line, sizeof line, "%8s  %-24s %7s  %-12s %10s %6s\n", "PID", "NAME", "THREADS", "USER", "MEMORY",
                "CPU%");
  out += line;
  for (const auto& row : rows) {
    std::snprintf(line, sizeof line, "%8d  %-24.24s %7lld  %-12.12s %10s %6.1f\n", row.pid, row.name.c_str(),
                  static_cast<long long>(row.threads), row.user.c_str(), human_bytes(row.resident_bytes).c_str(),
                  row.cpu_percent);
    out += line;
  }
  return out;
}

int run_process_list(const Options& options) {
  platform::ProcessListReader reader(options.roots);
  platform::ProcessListSample previous, current;
  if (!reader.read(previous)) {
    std::cerr << "host_exporter: error: cannot list processes: " << previous.table.error << '\n';
    return 1;
  }
  std::this_thread::sleep_for(options.sampler_interval);
  if (!reader.read(current)) {
    std::cerr << "host_exporter: error: cannot list processes: " << current.table.error << '\n';
    return 1;
  }
  double delta = 0;
  if (previous.cpu_total > 0 && current.cpu_total > previous.cpu_total) delta = current.cpu_total - previous.cpu_total;
  const auto rows = process_list_rows(previous.table, current.table, delta, reader.user_names(current.table),
                                      reader.resident_unit_bytes(), kShown);
  std::cout << render_process_list(rows, current.table.processes.size()) << std::flush;
  return std::cout ? 0 : 1;
}

}  // namespace host_exporter::cli
