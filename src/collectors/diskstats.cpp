#include "collectors/diskstats.hpp"

#include <array>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "collectors/definitions.hpp"
#include "collectors/host_schema.hpp"
#include "log/log.hpp"
#include "platform/linux/udev_reader.hpp"

namespace host_exporter::collectors {

namespace {

// Sectors in /proc/diskstats are 512-byte units whatever the device's block size.
constexpr double kSectorBytes = 512.0;
constexpr double kSecondsPerMilli = 0.001;

constexpr std::array<std::string_view, 1> kDeviceLabel = {"device"};

// node_exporter 1.5's HELP text, labels in the order its output sorts them.
constexpr std::array<std::string_view, 8> kInfoLabels = {"device", "major", "minor", "model",
                                                         "path",   "revision", "serial", "wwn"};
constexpr FamilyDescriptor kInfoFamily = {"node_disk_info", "Info of /sys/block/<block_device>.", MetricType::kGauge,
                                          kInfoLabels};

struct DiskFamily {
  FamilyDescriptor family;
  double scale;
};

constexpr DiskFamily disk(std::string_view name, std::string_view help, MetricType type, double scale) {
  return {{name, help, type, kDeviceLabel}, scale};
}

// node_exporter's families, in the order of the /proc/diskstats columns.
constexpr std::array<DiskFamily, platform::kDiskStatCount> kFamilies = {{
    disk("node_disk_reads_completed_total", "The total number of reads completed successfully.", MetricType::kCounter, 1),
    disk("node_disk_reads_merged_total", "The total number of reads merged.", MetricType::kCounter, 1),
    disk("node_disk_read_bytes_total", "The total number of bytes read successfully.", MetricType::kCounter, kSectorBytes),
    disk("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", MetricType::kCounter,
     kSecondsPerMilli),
    disk("node_disk_writes_completed_total", "The total number of writes completed successfully.", MetricType::kCounter, 1),
    disk("node_disk_writes_merged_total", "The number of writes merged.", MetricType::kCounter, 1),
    disk("node_disk_written_bytes_total", "The total number of bytes written successfully.", MetricType::kCounter,
     kSectorBytes),
    disk("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.",
     MetricType::kCounter, kSecondsPerMilli),
    disk("node_disk_io_now", "The number of I/Os currently in progress.", MetricType::kGauge, 1),
    disk("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", MetricType::kCounter, kSecondsPerMilli),
    disk("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.", MetricType::kCounter,
     kSecondsPerMilli),
    disk("node_disk_discards_completed_total", "The total number of discards completed successfully.",
     MetricType::kCounter, 1),
    disk("node_disk_discards_merged_total", "The total number of discards merged.", MetricType::kCounter, 1),
    // node_exporter leaves this one in sectors.
    disk("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully.", MetricType::kCounter,
     1),
    disk("node_disk_discard_time_seconds_total", "This is the total number of seconds spent by all discards.",
     MetricType::kCounter, kSecondsPerMilli),
    disk("node_disk_flush_requests_total", "The total number of flush requests completed successfully",
     MetricType::kCounter, 1),
    disk("node_disk_flush_requests_time_seconds_total", "This is the total number of seconds spent by all flush requests.",
     MetricType::kCounter, kSecondsPerMilli),
}};

}  // namespace

RateSource::Sampler disk_rate_sampler(const platform::Roots& roots) {
  return reading_sampler<platform::DiskStatsReader, platform::DiskStatsReading>(
      platform::DiskStatsReader(roots), [](const platform::DiskStatsReading& reading, CounterPairReadings& readings) {
        // In bytes already, so the rates come out in bytes per second.
        for (const auto& disk : reading.disks) {
          readings.add(disk.device, disk.stats[platform::kSectorsRead] * 512,
                       disk.stats[platform::kSectorsWritten] * 512);
        }
      });
}

DiskstatsCollector::DiskstatsCollector(const platform::Roots& roots, DeviceFilter filter,
                                       std::shared_ptr<RateSource> rates)
    : roots_(roots), reader_(roots), labels_(std::move(filter)), rates_(std::move(rates)) {}

void DiskstatsCollector::load_info(const platform::DiskStatsLine& disk, DiskInfo& info) {
  platform::UdevDiskProperties udev;
  std::string error;
  // A disk udev has not recorded (or no udev at all) keeps empty labels, as upstream's.
  if (!platform::read_udev_disk_properties(roots_, disk.major, disk.minor, udev, error)) {
    log::debug("diskstats: udev properties", {{"device", disk.device}, {"err", error}});
  }
  const std::string major = std::to_string(disk.major);
  const std::string minor = std::to_string(disk.minor);
  info.labels = render_labels({{"device", disk.device},
                               {"major", major},
                               {"minor", minor},
                               {"model", udev.model},
                               {"path", udev.path},
                               {"revision", udev.revision},
                               {"serial", udev.serial},
                               {"wwn", udev.wwn}});
  info.major = disk.major;
  info.minor = disk.minor;
  info.loaded = true;
}

void DiskstatsCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  if (!reader_.read(reading_)) throw std::runtime_error(reading_.error);

  labels_.begin_scrape();
  disks_.clear();
  for (const auto& disk : reading_.disks) disks_.push_back(labels_.find(disk.device));
  const bool disks_changed = labels_.changed();
  sink.begin(kInfoFamily);
  for (std::size_t d = 0; d < reading_.disks.size(); ++d) {
    if (disks_[d] == nullptr) continue;
    const auto& disk = reading_.disks[d];
    DiskInfo& info = disks_[d]->state;
    if (disks_changed || !info.loaded || info.major != disk.major || info.minor != disk.minor) load_info(disk, info);
    sink.sample_rendered(info.labels, 1);
  }
  for (std::size_t i = 0; i < kFamilies.size(); ++i) {
    sink.begin(kFamilies[i].family);
    for (std::size_t d = 0; d < reading_.disks.size(); ++d) {
      const auto& disk = reading_.disks[d];
      // Older kernels have fewer columns: only the counters the line has are exported.
      if (disks_[d] == nullptr || i >= disk.stat_count) continue;
      sink.sample_rendered(disks_[d]->labels, static_cast<double>(disk.stats[i]) * kFamilies[i].scale);
    }
  }

  if (rates_) fill_rate_families(*rates_, rates_copy_, labels_, schema::kDiskRead.family, schema::kDiskWrite.family, sink);
  labels_.end_scrape();
}

namespace {
const char kDiskExcludeFlag[] = "device-exclude";
const char kDiskIncludeFlag[] = "device-include";
}  // namespace

CollectorDefinition diskstats_collector_definition() {
  CollectorDefinition definition;
  definition.name = "diskstats";
  definition.enabled_by_default = true;
  definition.help = "Disk I/O statistics from /proc/diskstats, disk info from udev, and per-second read/write rates.";
  definition.flags = {
      {kDiskExcludeFlag, kDiskstatsDefaultExclude,
       "Regexp of diskstats devices to exclude (mutually exclusive to device-include).", false},
      {kDiskIncludeFlag, "", "Regexp of diskstats devices to include (mutually exclusive to device-exclude).", false},
  };
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    DeviceFilter filter = DeviceFilter::from_flags(context.config.get(kDiskExcludeFlag), kDiskstatsDefaultExclude,
                                                   context.config.get(kDiskIncludeFlag),
                                                   "--collector.diskstats.device");
    std::shared_ptr<RateSource> rates;
    if (context.sampler != nullptr) {
      rates = std::make_shared<RateSource>("disk", filter, disk_rate_sampler(context.roots));
      context.sampler->add(rates);
    }
    return std::make_unique<DiskstatsCollector>(context.roots, std::move(filter), std::move(rates));
  };
  return definition;
}

}  // namespace host_exporter::collectors
