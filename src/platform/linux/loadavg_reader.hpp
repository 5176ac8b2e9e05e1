#pragma once
// /proc/loadavg: "0.52 0.58 0.59 1/1234 5678" (1, 5 and 15 minute load averages,
// then runnable/total scheduling entities and the last PID).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/linux/cached_file.hpp"

namespace host_exporter::platform {

struct LoadavgReading {
  double load1 = 0;
  double load5 = 0;
  double load15 = 0;
  // The pid namespace's most recently allocated pid (the last field); unset when absent.
  std::optional<std::int64_t> last_pid;
  std::string error;

  bool ok() const { return error.empty(); }
};

void parse_loadavg(std::string_view text, LoadavgReading& out);
void read_loadavg(const std::string& path, std::string& buffer, LoadavgReading& out);
// The same through a file the caller keeps open between scrapes (the hot path).
void read_loadavg(CachedFile& file, std::string& buffer, LoadavgReading& out);

}  // namespace host_exporter::platform
