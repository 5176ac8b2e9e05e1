#pragma once
// /proc/spl/kstat/zfs/arcstats (OpenZFS): the ARC's current size and its floor.
// The file is a kstat dump: a header line, a "name type data" line, then one
// "name type value" line per statistic, values in bytes.

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/linux/cached_file.hpp"

namespace host_exporter::platform {

struct ArcstatsReading {
  bool present = false;     // the file exists (ZFS is loaded)
  std::uint64_t size = 0;   // "size": bytes the ARC holds now
  std::uint64_t c_min = 0;  // "c_min": the size below which the ARC does not shrink
  std::string error;        // set when the file exists but has no size or c_min

  bool ok() const { return error.empty(); }
};

void parse_arcstats(std::string_view text, ArcstatsReading& out);

// Reads `path` (Roots::proc("spl/kstat/zfs/arcstats")). A missing file is not an
// error: `present` stays false.
void read_arcstats(const std::string& path, std::string& buffer, ArcstatsReading& out);
// The same through a file the caller keeps open between scrapes (the hot path).
void read_arcstats(CachedFile& file, std::string& buffer, ArcstatsReading& out);

}  // namespace host_exporter::platform
