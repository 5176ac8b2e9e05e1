#include "platform/linux/arcstats_reader.hpp"

#include <cerrno>
#include <cstring>

#include "platform/linux/proc_file.hpp"
#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

void parse_arcstats(std::string_view text, ArcstatsReading& out) {
  out = ArcstatsReading{};
  out.present = true;
  bool saw_size = false;
  bool saw_c_min = false;
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view rest = line;
    const std::string_view name = next_field(rest);
    if (name != "size" && name != "c_min") continue;
    next_field(rest);  // the kstat data type (4 = uint64)
    std::uint64_t value = 0;
    if (!parse_u64(next_field(rest), value)) continue;
    if (name == "size") {
      out.size = value;
      saw_size = true;
    } else {
      out.c_min = value;
      saw_c_min = true;
    }
  }
  if (!saw_size || !saw_c_min) out.error = "arcstats has no size or c_min";
}

void read_arcstats(CachedFile& file, std::string& buffer, ArcstatsReading& out) {
  // No error text asked for: a missing file (the usual case) costs no allocation.
  if (!file.read(buffer, nullptr)) {
    out = ArcstatsReading{};
    // No such file: ZFS is not loaded, which is not an error.
    out.present = file.error_number() != ENOENT && file.error_number() != ENOTDIR;
    if (!out.present) return;
    out.error = file.path() + ": " + std::strerror(file.error_number());
    return;
  }
  parse_arcstats(buffer, out);
}

void read_arcstats(const std::string& path, std::string& buffer, ArcstatsReading& out) {
  CachedFile file(path);
  read_arcstats(file, buffer, out);
}

}  // namespace host_exporter::platform
