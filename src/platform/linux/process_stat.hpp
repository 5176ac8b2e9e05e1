#pragma once
// /proc/[pid]/stat: the fields btop reads for its process list. The command name
// (comm) may hold spaces and parentheses, so it runs from the first '(' to the
// LAST ')' of the line; every numbered field is counted from there.

#include <cstdint>
#include <string>
#include <string_view>

namespace host_exporter::platform {

struct ProcessStat {
  int pid = 0;
  std::string comm;  // at most 15 bytes from the kernel: stays in the string's inline storage
  char state = '?';  // proc(5) field 3: R, S, D, Z, T, t, X, I, ...
  int ppid = 0;
  std::uint64_t utime_ticks = 0;      // field 14, USER_HZ ticks
  std::uint64_t stime_ticks = 0;      // field 15
  std::int64_t threads = 0;           // field 20
  std::uint64_t starttime_ticks = 0;  // field 22, ticks after boot: with the pid, the process's identity
  std::uint64_t rss_pages = 0;        // field 24
};

// Parses the text of /proc/[pid]/stat into `out` (reusing its comm storage).
// False when the text is cut short or a field we need is not a number.
bool parse_process_stat(std::string_view text, ProcessStat& out);

// The long name of a state letter, as `host_processes{state=...}` labels it.
std::string_view process_state_name(char state);

}  // namespace host_exporter::platform
