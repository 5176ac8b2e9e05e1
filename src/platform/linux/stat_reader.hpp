#pragma once
// /proc/stat: CPU time per mode (aggregate and per CPU, in USER_HZ ticks) and the
// kernel's counters (boot time, context switches, forks, interrupts, processes).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/roots.hpp"

#include "platform/linux/cached_file.hpp"

namespace host_exporter::platform {

// Ticks per mode, in /proc/stat's column order. Columns an older kernel does not
// print (steal before 2.6.11, guest before 2.6.24, guest_nice before 2.6.33) stay 0;
// `columns` says how many were present. guest and guest_nice are already included
// in user and nice.
struct CpuTimes {
  std::uint64_t user = 0;
  std::uint64_t nice = 0;
  std::uint64_t system = 0;
  std::uint64_t idle = 0;
  std::uint64_t iowait = 0;
  std::uint64_t irq = 0;
  std::uint64_t softirq = 0;
  std::uint64_t steal = 0;
  std::uint64_t guest = 0;
  std::uint64_t guest_nice = 0;
  int columns = 0;

  // btop's whole: the first eight columns (guest time is already inside user and nice).
  std::uint64_t total() const { return user + nice + system + idle + iowait + irq + softirq + steal; }
  // btop's idle: iowait counts as idle; irq, softirq and steal as busy.
  std::uint64_t idle_total() const { return idle + iowait; }
};

struct CpuLine {
  int cpu = 0;  // N of "cpuN"
  CpuTimes times;
};

struct StatReading {
  CpuTimes total;             // the "cpu" line
  std::vector<CpuLine> cpus;  // the "cpuN" lines of online CPUs, in file order
  std::optional<std::uint64_t> boot_time;         // btime, seconds since the epoch
  std::optional<std::uint64_t> context_switches;  // ctxt
  std::optional<std::uint64_t> forks;             // processes
  std::optional<std::uint64_t> interrupts;        // first number of "intr"
  std::optional<std::uint64_t> procs_running;
  std::optional<std::uint64_t> procs_blocked;
  std::string error;  // empty when the file was read and parsed

  bool ok() const { return error.empty(); }
};

// Parses the text of /proc/stat into `out`, reusing its storage. A line that
// cannot be parsed, or no "cpu" line at all, leaves `out.error` set.
void parse_stat(std::string_view text, StatReading& out);

// Reads `path` (Roots::proc("stat"), computed once by the caller) into `buffer`
// (kept by the caller between scrapes) and parses it.
void read_stat(const std::string& path, std::string& buffer, StatReading& out);
// The same through a file the caller keeps open between scrapes (the hot path).
void read_stat(CachedFile& file, std::string& buffer, StatReading& out);

// USER_HZ, the unit of /proc/stat's CPU columns: sysconf(_SC_CLK_TCK), 100 on
// every mainstream architecture.
double clock_ticks_per_second();

}  // namespace host_exporter::platform
