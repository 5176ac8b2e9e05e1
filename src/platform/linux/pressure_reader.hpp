#pragma once
// /proc/pressure/{cpu,io,memory,irq} (pressure stall information, Linux >= 4.20;
// irq since 6.1): "some|full avg10=.. avg60=.. avg300=.. total=<microseconds>".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/linux/cached_file.hpp"

namespace host_exporter::platform {

struct PressureReading {
  enum class Availability {
    kAvailable,
    kMissing,      // no such file: a kernel without PSI (or before 6.1 for irq)
    kUnsupported,  // the file exists but reading fails with EOPNOTSUPP: booted with psi=0
  };
  Availability availability = Availability::kMissing;
  std::optional<std::uint64_t> some_total_us;  // time at least one task was stalled
  std::optional<std::uint64_t> full_total_us;  // time all non-idle tasks were stalled
  std::string error;                            // unreadable or malformed

  bool ok() const { return error.empty(); }
};

void parse_pressure(std::string_view text, PressureReading& out);

// Reads `path` (Roots::proc("pressure/<resource>")).
void read_pressure(const std::string& path, std::string& buffer, PressureReading& out);
// The same through a file the caller keeps open between scrapes (the hot path).
void read_pressure(CachedFile& file, std::string& buffer, PressureReading& out);

}  // namespace host_exporter::platform
