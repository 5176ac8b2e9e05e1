#include "platform/darwin/conversions/disk_statistics.hpp"

namespace host_exporter::platform::darwin {

namespace {

std::optional<double> value_of(const std::map<std::string, std::int64_t>& statistics, const char* key,
                               double divisor = 1.0) {
  const auto it = statistics.find(key);
  if (it == statistics.end() || it->second < 0) return std::nullopt;
  return static_cast<double>(it->second) / divisor;
}

}  // namespace

DiskCounters disk_counters(const std::map<std::string, std::int64_t>& statistics) {
  constexpr double kNanoseconds = 1e9;
  DiskCounters out;
  out.reads_completed = value_of(statistics, "Operations (Read)");
  out.writes_completed = value_of(statistics, "Operations (Write)");
  out.read_bytes = value_of(statistics, "Bytes (Read)");
  out.written_bytes = value_of(statistics, "Bytes (Write)");
  out.read_time_seconds = value_of(statistics, "Total Time (Read)", kNanoseconds);
  out.write_time_seconds = value_of(statistics, "Total Time (Write)", kNanoseconds);
  out.read_errors = value_of(statistics, "Errors (Read)");
  out.write_errors = value_of(statistics, "Errors (Write)");
  out.read_retries = value_of(statistics, "Retries (Read)");
  out.write_retries = value_of(statistics, "Retries (Write)");
  return out;
}

}  // namespace host_exporter::platform::darwin
