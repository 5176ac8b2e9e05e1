#pragma once
// Disk counters from the "Statistics" dictionary of an IOBlockStorageDriver (the parent
// of a whole-disk IOMedia), taken as plain numbers. Times are nanoseconds there.
// A key the driver does not publish leaves its counter absent, not zero.

#include <map>
#include <optional>
#include <string>

namespace host_exporter::platform::darwin {

struct DiskCounters {
  std::optional<double> reads_completed;   // "Operations (Read)"
  std::optional<double> writes_completed;  // "Operations (Write)"
  std::optional<double> read_bytes;        // "Bytes (Read)"
  std::optional<double> written_bytes;     // "Bytes (Write)"
  std::optional<double> read_time_seconds;   // "Total Time (Read)" / 1e9
  std::optional<double> write_time_seconds;  // "Total Time (Write)" / 1e9
  std::optional<double> read_errors;    // "Errors (Read)"
  std::optional<double> write_errors;   // "Errors (Write)"
  std::optional<double> read_retries;   // "Retries (Read)"
  std::optional<double> write_retries;  // "Retries (Write)"
};

DiskCounters disk_counters(const std::map<std::string, std::int64_t>& statistics);

}  // namespace host_exporter::platform::darwin
