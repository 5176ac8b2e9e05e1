// libFuzzer entry point for one /proc reader's parser, chosen at build time by
// an HX_FUZZ_<READER> definition (CMakeLists.txt builds one binary per reader). The reading is
// kept between inputs, as the collectors keep theirs between scrapes, so storage
// reuse is fuzzed too. Beyond "no crash, no UB": a failed parse says why.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "platform/linux/diskstats_reader.hpp"
#include "platform/linux/meminfo_reader.hpp"
#include "platform/linux/mounts_reader.hpp"
#include "platform/linux/netdev_reader.hpp"
#include "platform/linux/process_stat.hpp"
#include "platform/linux/stat_reader.hpp"

namespace platform = host_exporter::platform;
using host_exporter::fuzz::broken;

namespace {

void fuzz_one(std::string_view text) {
#if defined(HX_FUZZ_MEMINFO)
  static platform::MeminfoReading reading;
  platform::parse_meminfo(text, reading);
  if (!reading.ok() && reading.error.empty()) broken("meminfo error without reason");
#elif defined(HX_FUZZ_STAT)
  static platform::StatReading reading;
  platform::parse_stat(text, reading);
#elif defined(HX_FUZZ_DISKSTATS)
  static platform::DiskStatsReading reading;
  if (!platform::parse_diskstats(text, reading) && reading.error.empty()) broken("diskstats error without reason");
  for (const auto& disk : reading.disks) {
    if (disk.stat_count > platform::kDiskStatCount) broken("diskstats stat_count");
  }
#elif defined(HX_FUZZ_NETDEV)
  static platform::NetDevReading reading;
  if (!platform::parse_netdev(text, reading) && reading.error.empty()) broken("netdev error without reason");
#elif defined(HX_FUZZ_MOUNTS)
  static platform::MountsReading reading;
  if (!platform::parse_mounts(text, reading) && reading.error.empty()) broken("mounts error without reason");
#elif defined(HX_FUZZ_PROCESS_STAT)
  static platform::ProcessStat stat;
  (void)platform::parse_process_stat(text, stat);
#else
#error "define one of HX_FUZZ_MEMINFO, _STAT, _DISKSTATS, _NETDEV, _MOUNTS, _PROCESS_STAT"
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
