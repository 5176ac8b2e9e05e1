#include "platform/linux/diskstats_reader.hpp"

#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

namespace {
constexpr std::size_t kMinimumStats = 11;

bool fail(DiskStatsReading& reading, std::size_t count, std::string_view why, std::string_view line) {
  reading.disks.resize(count);
  reading.error = std::string(why) + ": \"" + std::string(line) + "\"";
  return false;
}
}  // namespace

bool parse_diskstats(std::string_view text, DiskStatsReading& reading) {
  reading.error.clear();
  std::size_t count = 0;
  std::string_view rest = text, line;
  while (next_line(rest, line)) {
    std::string_view fields = line;
    const std::string_view major = next_field(fields);
    if (major.empty()) continue;  // blank line
    const std::string_view minor = next_field(fields);
    const std::string_view name = next_field(fields);
    std::uint64_t major_number = 0, minor_number = 0;
    if (!parse_u64(major, major_number) || !parse_u64(minor, minor_number) || name.empty()) {
      return fail(reading, count, "malformed diskstats line", line);
    }
    if (count == reading.disks.size()) reading.disks.emplace_back();
    DiskStatsLine& disk = reading.disks[count++];
    disk.major = static_cast<unsigned>(major_number);
    disk.minor = static_cast<unsigned>(minor_number);
    disk.device.assign(name);
    disk.stats.fill(0);
    disk.stat_count = 0;
    for (std::string_view field = next_field(fields); !field.empty(); field = next_field(fields)) {
      if (disk.stat_count == kDiskStatCount) break;  // a newer kernel's extra counters
      if (!parse_u64(field, disk.stats[disk.stat_count])) {
        return fail(reading, count - 1, "malformed diskstats counter", line);
      }
      ++disk.stat_count;
    }
    if (disk.stat_count < kMinimumStats) return fail(reading, count - 1, "truncated diskstats line", line);
  }
  reading.disks.resize(count);
  return true;
}

DiskStatsReader::DiskStatsReader(const Roots& roots) : file_(roots.proc("diskstats")) {}

bool DiskStatsReader::read(DiskStatsReading& reading) {
  std::string error;
  if (!file_.read(buffer_, &error)) {
    reading.disks.clear();
    reading.error = file_.path() + ": " + error;
    return false;
  }
  return parse_diskstats(buffer_, reading);
}

}  // namespace host_exporter::platform
