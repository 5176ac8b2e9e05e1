#pragma once
// /proc/meminfo: every "Name: value [kB]" line, in file order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/linux/cached_file.hpp"

namespace host_exporter::platform {

struct MeminfoField {
  std::string name;        // as the kernel writes it, without the colon: "Active(anon)"
  std::uint64_t value = 0;  // as written: kB when `kilobytes`, otherwise a count (HugePages_*)
  bool kilobytes = false;
};

struct MeminfoReading {
  std::vector<MeminfoField> fields;
  std::string error;  // empty when the file was read and parsed

  bool ok() const { return error.empty(); }
  const MeminfoField* find(std::string_view name) const;
  // The field in bytes (kB x 1024), or as written for a field without a unit.
  std::optional<std::uint64_t> bytes(std::string_view name) const;
};

// Parses the text of /proc/meminfo into `out`, reusing its storage. A line without
// a colon-terminated name or a number, or an empty file, sets `out.error`.
// A field with a unit other than kB (none exists today) is skipped.
void parse_meminfo(std::string_view text, MeminfoReading& out);

// Reads `path` (Roots::proc("meminfo")) into `buffer` and parses it.
void read_meminfo(const std::string& path, std::string& buffer, MeminfoReading& out);
// The same through a file the caller keeps open between scrapes (the hot path).
void read_meminfo(CachedFile& file, std::string& buffer, MeminfoReading& out);

}  // namespace host_exporter::platform
