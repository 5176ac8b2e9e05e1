#pragma once
// The netdev collector: node_exporter's node_network_*_total counters from
// /proc/net/dev, node_network_receive_nohandler_total from
// <sysfs>/class/net/<device>/statistics/rx_nohandler, and btop's network rates (host_network_*_bytes_per_second)
// over the sampler's window. Declared here so tests can drive both with
// controlled instants; the command line builds them through builtin_collectors().

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "collectors/device_filter.hpp"
#include "collectors/device_labels.hpp"
#include "collectors/host_collector.hpp"
#include "collectors/rate_source.hpp"
#include "platform/linux/net_device_counter.hpp"
#include "platform/linux/netdev_reader.hpp"

namespace host_exporter::collectors {

// Received and transmitted bytes of every interface, for a RateSource.
RateSource::Sampler network_rate_sampler(const platform::Roots& roots);

class NetdevCollector final : public HostCollector {
 public:
  // `rates` may be null (no sampler): then no host_network_* series.
  NetdevCollector(const platform::Roots& roots, DeviceFilter filter, std::shared_ptr<RateSource> rates);
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  // Per interface: its rx_nohandler file, opened when the interface is first seen.
  using Interfaces = DeviceLabels<std::optional<platform::NetDeviceCounter>>;

  std::mutex mutex_;
  platform::Roots roots_;
  platform::NetDevReader reader_;
  platform::NetDevReading reading_;
  Interfaces labels_;
  std::shared_ptr<RateSource> rates_;
  std::vector<CounterPairRate> rates_copy_;
  std::vector<Interfaces::Device*> interfaces_;  // per interface of reading_; null: filtered out
  std::string counter_buffer_;
};

}  // namespace host_exporter::collectors
