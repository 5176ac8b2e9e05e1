#pragma once
// The diskstats collector: node_exporter's node_disk_* counters from
// /proc/diskstats, node_disk_info from udev's database (<udev data>/b<major>:<minor>),
// and per-second disk throughput (host_disk_*_bytes_per_second)
// over the sampler's window. btop shows the same sectors as bytes per refresh
// interval; these are per second. Declared here so tests can drive both with
// controlled instants.

#include <memory>
#include <mutex>
#include <vector>

#include "collectors/device_filter.hpp"
#include "collectors/device_labels.hpp"
#include "collectors/host_collector.hpp"
#include "collectors/rate_source.hpp"
#include "platform/linux/diskstats_reader.hpp"

namespace host_exporter::collectors {

// node_exporter's default --collector.diskstats.device-exclude (partitions, RAM
// and loop devices, floppies).
inline constexpr char kDiskstatsDefaultExclude[] = R"(^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$)";

// Read and written bytes of every device, for a RateSource.
RateSource::Sampler disk_rate_sampler(const platform::Roots& roots);

class DiskstatsCollector final : public HostCollector {
 public:
  // What a disk keeps between scrapes: node_disk_info's label text, read from udev's
  // database when the disk is first seen and again whenever the set of disks changes.
  struct DiskInfo {
    unsigned major = 0;
    unsigned minor = 0;
    bool loaded = false;
    std::string labels;
  };

  // `rates` may be null (no sampler): then no host_disk_* series.
  DiskstatsCollector(const platform::Roots& roots, DeviceFilter filter, std::shared_ptr<RateSource> rates);
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  void load_info(const platform::DiskStatsLine& disk, DiskInfo& info);

  std::mutex mutex_;
  platform::Roots roots_;
  platform::DiskStatsReader reader_;
  platform::DiskStatsReading reading_;
  DeviceLabels<DiskInfo> labels_;
  std::shared_ptr<RateSource> rates_;
  std::vector<CounterPairRate> rates_copy_;
  std::vector<DeviceLabels<DiskInfo>::Device*> disks_;  // per disk of reading_; null: filtered out
};

}  // namespace host_exporter::collectors
