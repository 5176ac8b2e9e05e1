#pragma once
// The diskstats collector: node_exporter's node_disk_* counters from
// /proc/diskstats, and per-second disk throughput (host_disk_*_bytes_per_second)
// over the sampler's window. btop shows the same sectors as bytes per refresh
// interval; these are per second. Declared here so tests can drive both with
// controlled instants.

#include <memory>
#include <mutex>
#include <vector>

#include "collectors/counter_pair_rates.hpp"
#include "collectors/device_filter.hpp"
#include "collectors/device_labels.hpp"
#include "collectors/sampler.hpp"
#include "collectors/host_collector.hpp"
#include "platform/linux/diskstats_reader.hpp"

namespace host_exporter::collectors {

// node_exporter's default --collector.diskstats.device-exclude (partitions, RAM
// and loop devices, floppies).
inline constexpr char kDiskstatsDefaultExclude[] = R"(^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$)";

// Read and written bytes per second of every kept device.
class DiskRateSource final : public SampledSource {
 public:
  DiskRateSource(const platform::Roots& roots, DeviceFilter filter);
  void take_sample(std::chrono::steady_clock::time_point now) override;
  // The last complete window's rates (first = read, second = written).
  void copy_rates(std::vector<CounterPairRate>& out) const;

 private:
  std::mutex sample_mutex_;  // the reader and the window
  platform::DiskStatsReader reader_;
  platform::DiskStatsReading reading_;
  DeviceFilter filter_;
  CounterPairRates window_;
  mutable std::mutex published_mutex_;
  std::vector<CounterPairRate> published_;
};

class DiskstatsCollector final : public HostCollector {
 public:
  // `rates` may be null (no sampler): then no host_disk_* series.
  DiskstatsCollector(const platform::Roots& roots, DeviceFilter filter, std::shared_ptr<DiskRateSource> rates);
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  std::mutex mutex_;
  platform::DiskStatsReader reader_;
  platform::DiskStatsReading reading_;
  DeviceLabels labels_;
  std::shared_ptr<DiskRateSource> rates_;
  std::vector<CounterPairRate> rates_copy_;
  std::vector<const std::string*> disk_labels_;  // per disk of reading_; null: filtered out
};

}  // namespace host_exporter::collectors
