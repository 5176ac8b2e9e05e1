#include "platform/linux/stat_reader.hpp"

#include <unistd.h>

#include "platform/linux/proc_file.hpp"
#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

namespace {

// Fills the mode columns present on a "cpu" line; at least user, nice, system and
// idle must be there (every kernel since 2.4 prints them).
bool parse_cpu_times(std::string_view rest, CpuTimes& times) {
  std::uint64_t* const columns[] = {&times.user,   &times.nice,    &times.system, &times.idle,
                                    &times.iowait, &times.irq,     &times.softirq, &times.steal,
                                    &times.guest,  &times.guest_nice};
  times = CpuTimes{};
  for (std::uint64_t* column : columns) {
    const std::string_view field = next_field(rest);
    if (field.empty()) break;
    if (!parse_u64(field, *column)) return false;
    ++times.columns;
  }
  return times.columns >= 4;
}

bool parse_single(std::string_view rest, std::optional<std::uint64_t>& value) {
  std::uint64_t parsed = 0;
  if (!parse_u64(next_field(rest), parsed)) return false;
  value = parsed;
  return true;
}

}  // namespace

void parse_stat(std::string_view text, StatReading& out) {
  out.total = CpuTimes{};
  out.cpus.clear();
  out.boot_time.reset();
  out.context_switches.reset();
  out.forks.reset();
  out.interrupts.reset();
  out.procs_running.reset();
  out.procs_blocked.reset();
  out.error.clear();

  bool saw_total = false;
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view rest = line;
    const std::string_view key = next_field(rest);
    if (key.empty()) continue;
    bool parsed = true;
    if (key.starts_with("cpu")) {
      if (key.size() == 3) {
        parsed = parse_cpu_times(rest, out.total);
        saw_total = parsed;
      } else {
        std::uint64_t id = 0;
        CpuLine cpu;
        parsed = parse_u64(key.substr(3), id) && id < 1'000'000 && parse_cpu_times(rest, cpu.times);
        if (parsed) {
          cpu.cpu = static_cast<int>(id);
          out.cpus.push_back(cpu);
        }
      }
    } else if (key == "btime") {
      parsed = parse_single(rest, out.boot_time);
    } else if (key == "ctxt") {
      parsed = parse_single(rest, out.context_switches);
    } else if (key == "processes") {
      parsed = parse_single(rest, out.forks);
    } else if (key == "intr") {
      parsed = parse_single(rest, out.interrupts);
    } else if (key == "procs_running") {
      parsed = parse_single(rest, out.procs_running);
    } else if (key == "procs_blocked") {
      parsed = parse_single(rest, out.procs_blocked);
    }
    // Other lines (softirq, page, swap on old kernels) are not ours to read.
    if (!parsed) {
      out.error = "malformed line in stat: " + std::string(line.substr(0, 80));
      return;
    }
  }
  if (!saw_total) out.error = "no cpu line in stat";
}

void read_stat(CachedFile& file, std::string& buffer, StatReading& out) {
  std::string error;
  if (!file.read(buffer, &error)) {
    parse_stat({}, out);
    out.error = file.path() + ": " + error;
    return;
  }
  parse_stat(buffer, out);
}

void read_stat(const std::string& path, std::string& buffer, StatReading& out) {
  CachedFile file(path);
  read_stat(file, buffer, out);
}

double clock_ticks_per_second() {
  static const double ticks = [] {
    const long value = ::sysconf(_SC_CLK_TCK);
    return value > 0 ? static_cast<double>(value) : 100.0;
  }();
  return ticks;
}

}  // namespace host_exporter::platform
