#include "cli/process_list.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <thread>
#include <unordered_map>

#include "cli/human_units.hpp"
#include "collectors/cpu_utilization.hpp"
#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"
#include "platform/linux/stat_reader.hpp"

namespace host_exporter::cli {

namespace {

constexpr std::size_t kShown = 30;

std::vector<std::pair<std::uint32_t, std::string>> read_users(const platform::Roots& roots) {
  std::vector<std::pair<std::uint32_t, std::string>> users;
  const std::string text = platform::read_file_or_empty(roots.root("etc/passwd"));
  std::string_view rest(text);
  std::string_view line;
  while (platform::next_line(rest, line)) {
    const auto first = line.find(':');
    if (first == std::string_view::npos) continue;
    const auto second = line.find(':', first + 1);
    const auto third = second == std::string_view::npos ? second : line.find(':', second + 1);
    if (third == std::string_view::npos) continue;
    std::uint64_t uid = 0;
    if (!platform::parse_u64(line.substr(second + 1, third - second - 1), uid)) continue;
    users.emplace_back(static_cast<std::uint32_t>(uid), std::string(line.substr(0, first)));
  }
  return users;
}

std::optional<std::uint64_t> total_ticks(const platform::Roots& roots) {
  std::string buffer;
  platform::StatReading stat;
  platform::read_stat(roots.proc("stat"), buffer, stat);
  if (!stat.ok()) return std::nullopt;
  return collectors::total_ticks(stat.total);
}

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
  platform::ProcessTableReader reader(options.roots);
  platform::ProcessReadOptions read_options;
  read_options.open_fds = false;
  read_options.owner = true;
  platform::ProcessTable previous, current;
  const auto ticks_before = total_ticks(options.roots);
  if (!reader.read(previous, read_options)) {
    std::cerr << "host_exporter: error: cannot list processes: " << previous.error << '\n';
    return 1;
  }
  std::this_thread::sleep_for(options.sampler_interval);
  const auto ticks_after = total_ticks(options.roots);
  if (!reader.read(current, read_options)) {
    std::cerr << "host_exporter: error: cannot list processes: " << current.error << '\n';
    return 1;
  }
  double delta = 0;
  if (ticks_before && ticks_after && *ticks_after > *ticks_before) {
    delta = static_cast<double>(*ticks_after - *ticks_before);
  }
  const auto rows = process_list_rows(previous, current, delta, read_users(options.roots),
                                      static_cast<double>(::sysconf(_SC_PAGESIZE)), kShown);
  std::cout << render_process_list(rows, current.processes.size()) << std::flush;
  return std::cout ? 0 : 1;
}

}  // namespace host_exporter::cli
