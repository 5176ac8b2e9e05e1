#pragma once
// host_exporter's own process on Linux (platform/self_process.hpp), read from the real
// /proc/self: the /proc/<pid>/stat parser, tested on its own.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/self_process.hpp"

namespace host_exporter::platform {

// The fields of /proc/<pid>/stat we use, in the units of the file.
struct ProcStatFields {
  std::uint64_t utime_ticks = 0;
  std::uint64_t stime_ticks = 0;
  std::uint64_t starttime_ticks = 0;  // since boot
  std::uint64_t vsize_bytes = 0;
  std::uint64_t rss_pages = 0;
};

// Parses /proc/<pid>/stat text; the command name may hold spaces and parentheses.
std::optional<ProcStatFields> parse_proc_stat(std::string_view text);

}  // namespace host_exporter::platform
