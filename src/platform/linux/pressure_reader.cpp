#include "platform/linux/pressure_reader.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "platform/linux/proc_file.hpp"
#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

void parse_pressure(std::string_view text, PressureReading& out) {
  out.availability = PressureReading::Availability::kAvailable;
  out.some_total_us.reset();
  out.full_total_us.reset();
  out.error.clear();
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view rest = line;
    const std::string_view kind = next_field(rest);
    if (kind.empty()) continue;
    std::optional<std::uint64_t> total;
    for (std::string_view field = next_field(rest); !field.empty(); field = next_field(rest)) {
      std::uint64_t value = 0;
      if (field.starts_with("total=") && parse_u64(field.substr(6), value)) total = value;
    }
    if ((kind != "some" && kind != "full") || !total) {
      out.error = "malformed line in pressure: " + std::string(line.substr(0, 80));
      return;
    }
    (kind == "some" ? out.some_total_us : out.full_total_us) = total;
  }
  if (!out.some_total_us && !out.full_total_us) out.error = "no some or full line in pressure";
}

void read_pressure(CachedFile& file, std::string& buffer, PressureReading& out) {
  out.some_total_us.reset();
  out.full_total_us.reset();
  out.error.clear();
  // No error text asked for: a missing file (no PSI, or no irq line) costs no allocation.
  if (!file.read(buffer, nullptr)) {
    if (file.error_number() == ENOENT) {
      out.availability = PressureReading::Availability::kMissing;
      return;
    }
    if (file.error_number() == EOPNOTSUPP) {
      out.availability = PressureReading::Availability::kUnsupported;
      return;
    }
    out.availability = PressureReading::Availability::kAvailable;
    out.error = file.path() + ": " + std::strerror(file.error_number());
    return;
  }
  parse_pressure(buffer, out);
}

void read_pressure(const std::string& path, std::string& buffer, PressureReading& out) {
  CachedFile file(path);
  read_pressure(file, buffer, out);
}

}  // namespace host_exporter::platform
