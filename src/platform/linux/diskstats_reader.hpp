#pragma once
// /proc/diskstats: one line per block device, "major minor name" followed by
// 11 (before Linux 4.18), 15 (4.18: discards) or 17 (5.5: flushes) counters,
// as Documentation/admin-guide/iostats.rst lists them.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/linux/cached_file.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {

// Positions of the counters after the device name.
enum DiskStat : std::size_t {
  kReadsCompleted, kReadsMerged, kSectorsRead, kReadMillis,
  kWritesCompleted, kWritesMerged, kSectorsWritten, kWriteMillis,
  kIosInProgress, kIoMillis, kWeightedIoMillis,
  kDiscardsCompleted, kDiscardsMerged, kSectorsDiscarded, kDiscardMillis,
  kFlushesCompleted, kFlushMillis,
  kDiskStatCount
};

struct DiskStatsLine {
  unsigned major = 0;
  unsigned minor = 0;
  std::string device;
  std::array<std::uint64_t, kDiskStatCount> stats{};
  std::size_t stat_count = 0;  // how many of `stats` the line had (11, 15 or 17)
};

struct DiskStatsReading {
  std::vector<DiskStatsLine> disks;
  std::string error;  // empty when the reading is good
};

// Parses /proc/diskstats text, reusing the reading's strings. A line with fewer
// than 11 counters or a field that is not a number makes the reading an error.
bool parse_diskstats(std::string_view text, DiskStatsReading& reading);

class DiskStatsReader {
 public:
  explicit DiskStatsReader(const Roots& roots);
  bool read(DiskStatsReading& reading);

 private:
  CachedFile file_;  // kept open: re-read with pread each scrape
  std::string buffer_;
};

}  // namespace host_exporter::platform
