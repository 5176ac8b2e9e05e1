#pragma once
// macOS disk and network counters, and their per-second rates over the sampler window.
//   diskstats: node_disk_{reads,writes}_completed_total, node_disk_{read,written}_bytes_total,
//     node_disk_{read,write}_time_seconds_total, node_disk_{read,write}_{errors,retries}_total
//     (IOBlockStorageDriver "Statistics"), host_disk_{read,write}_bytes_per_second{device}
//   netdev: node_network_{receive,transmit}_{bytes,packets,errs,multicast}_total,
//     node_network_receive_drop_total, node_network_transmit_colls_total,
//     node_network_noproto_total (if_data64 of ifmibdata per interface of NET_RT_IFLIST2,
//     node_exporter's legacy names),
//     host_network_{receive,transmit}_bytes_per_second{device}
// Both fill the sink as the Linux ones do: families described once, device labels kept.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "collectors/device_filter.hpp"
#include "collectors/device_labels.hpp"
#include "collectors/host_collector.hpp"
#include "collectors/rate_source.hpp"
#include "platform/darwin/conversions/disk_statistics.hpp"
#include "platform/darwin/host_readers.hpp"

namespace host_exporter::collectors {

// The interfaces NET_RT_IFLIST2 lists, each with its exact ifmibdata counters where they
// can be read (platform/darwin/conversions/interface_mib.hpp); false, with `error`, when
// the list cannot be read or is malformed. `buffer` is the caller's scratch.
bool read_darwin_interfaces(const platform::darwin::Reader<std::string>& list,
                            const platform::darwin::InterfaceMibReader& mib, std::string& buffer,
                            std::vector<platform::darwin::InterfaceCounters>& out, std::string& error);

class DarwinDiskstatsCollector final : public HostCollector {
 public:
  // `rates` may be null (no sampler): then no host_disk_* series.
  DarwinDiskstatsCollector(platform::darwin::Reader<std::vector<platform::darwin::DiskReading>> reader,
                           DeviceFilter filter, std::shared_ptr<RateSource> rates);
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  platform::darwin::Reader<std::vector<platform::darwin::DiskReading>> reader_;
  std::mutex mutex_;
  std::vector<platform::darwin::DiskReading> disks_;
  std::string error_;
  DeviceLabels<> labels_;
  std::vector<DeviceLabels<>::Device*> kept_;              // per disk of disks_; null: filtered out
  std::vector<platform::darwin::DiskCounters> counters_;  // per disk of disks_
  std::shared_ptr<RateSource> rates_;
  std::vector<CounterPairRate> rates_copy_;
};

class DarwinNetdevCollector final : public HostCollector {
 public:
  // `rates` may be null (no sampler): then no host_network_* series.
  DarwinNetdevCollector(platform::darwin::Reader<std::string> list, platform::darwin::InterfaceMibReader mib,
                        DeviceFilter filter, std::shared_ptr<RateSource> rates);
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  platform::darwin::Reader<std::string> list_;
  platform::darwin::InterfaceMibReader mib_;
  std::mutex mutex_;
  std::string buffer_;
  std::vector<platform::darwin::InterfaceCounters> interfaces_;
  std::string error_;
  DeviceLabels<> labels_;
  std::shared_ptr<RateSource> rates_;
  std::vector<CounterPairRate> rates_copy_;
};

}  // namespace host_exporter::collectors
