#include "collectors/netdev.hpp"

#include <array>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "collectors/definitions.hpp"
#include "collectors/host_schema.hpp"

namespace host_exporter::collectors {

namespace {

constexpr std::array<std::string_view, 1> kDeviceLabel = {"device"};

// node_exporter's families for the /proc/net/dev columns (its "legacy" names: errs,
// drop, colls, as the kernel's header spells them), in column order.
constexpr std::array<FamilyDescriptor, platform::kNetDevColumnCount> kColumnFamilies = {{
    {"node_network_receive_bytes_total", "Network device statistic receive_bytes.", MetricType::kCounter, kDeviceLabel},
    {"node_network_receive_packets_total", "Network device statistic receive_packets.", MetricType::kCounter, kDeviceLabel},
    {"node_network_receive_errs_total", "Network device statistic receive_errs.", MetricType::kCounter, kDeviceLabel},
    {"node_network_receive_drop_total", "Network device statistic receive_drop.", MetricType::kCounter, kDeviceLabel},
    {"node_network_receive_fifo_total", "Network device statistic receive_fifo.", MetricType::kCounter, kDeviceLabel},
    {"node_network_receive_frame_total", "Network device statistic receive_frame.", MetricType::kCounter, kDeviceLabel},
    {"node_network_receive_compressed_total", "Network device statistic receive_compressed.", MetricType::kCounter, kDeviceLabel},
    {"node_network_receive_multicast_total", "Network device statistic receive_multicast.", MetricType::kCounter, kDeviceLabel},
    {"node_network_transmit_bytes_total", "Network device statistic transmit_bytes.", MetricType::kCounter, kDeviceLabel},
    {"node_network_transmit_packets_total", "Network device statistic transmit_packets.", MetricType::kCounter, kDeviceLabel},
    {"node_network_transmit_errs_total", "Network device statistic transmit_errs.", MetricType::kCounter, kDeviceLabel},
    {"node_network_transmit_drop_total", "Network device statistic transmit_drop.", MetricType::kCounter, kDeviceLabel},
    {"node_network_transmit_fifo_total", "Network device statistic transmit_fifo.", MetricType::kCounter, kDeviceLabel},
    {"node_network_transmit_colls_total", "Network device statistic transmit_colls.", MetricType::kCounter, kDeviceLabel},
    {"node_network_transmit_carrier_total", "Network device statistic transmit_carrier.", MetricType::kCounter, kDeviceLabel},
    {"node_network_transmit_compressed_total", "Network device statistic transmit_compressed.", MetricType::kCounter, kDeviceLabel},
}};

// Not in /proc/net/dev: node_exporter 1.5 takes it over netlink (IFLA_STATS64), the
// same kernel counter as sysfs's statistics/rx_nohandler.
constexpr FamilyDescriptor kNoHandlerFamily = {"node_network_receive_nohandler_total",
                                               "Network device statistic receive_nohandler.", MetricType::kCounter,
                                               kDeviceLabel};

}  // namespace

RateSource::Sampler network_rate_sampler(const platform::Roots& roots) {
  return reading_sampler<platform::NetDevReader, platform::NetDevReading>(
      platform::NetDevReader(roots), [](const platform::NetDevReading& reading, CounterPairReadings& readings) {
        for (const auto& interface : reading.interfaces) {
          readings.add(interface.device, interface.counters[platform::kReceiveBytes],
                       interface.counters[platform::kTransmitBytes]);
        }
      });
}

NetdevCollector::NetdevCollector(const platform::Roots& roots, DeviceFilter filter,
                                 std::shared_ptr<RateSource> rates)
    : roots_(roots), reader_(roots), labels_(std::move(filter)), rates_(std::move(rates)) {}

void NetdevCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  if (!reader_.read(reading_)) throw std::runtime_error(reading_.error);

  labels_.begin_scrape();
  interfaces_.clear();
  for (const auto& interface : reading_.interfaces) interfaces_.push_back(labels_.find(interface.device));
  for (std::size_t column = 0; column < platform::kNetDevColumnCount; ++column) {
    sink.begin(kColumnFamilies[column]);
    for (std::size_t n = 0; n < reading_.interfaces.size(); ++n) {
      if (interfaces_[n] == nullptr) continue;
      sink.sample_rendered(interfaces_[n]->labels, static_cast<double>(reading_.interfaces[n].counters[column]));
    }
  }
  sink.begin(kNoHandlerFamily);
  for (std::size_t n = 0; n < reading_.interfaces.size(); ++n) {
    if (interfaces_[n] == nullptr) continue;
    auto& counter = interfaces_[n]->state;
    if (!counter) counter.emplace(roots_, reading_.interfaces[n].device, "rx_nohandler");
    std::uint64_t value = 0;
    // A kernel before 4.6 (or a device without the file) has no counter: no sample.
    if (counter->read(counter_buffer_, value)) sink.sample_rendered(interfaces_[n]->labels, static_cast<double>(value));
  }

  if (rates_) {
    fill_rate_families(*rates_, rates_copy_, labels_, schema::kNetworkReceive.family, schema::kNetworkTransmit.family,
                       sink);
  }
  labels_.end_scrape();
}

namespace {
const char kNetdevExcludeFlag[] = "device-exclude";
const char kNetdevIncludeFlag[] = "device-include";
}  // namespace

CollectorDefinition netdev_collector_definition() {
  CollectorDefinition definition;
  definition.name = "netdev";
  definition.enabled_by_default = true;
  definition.help = "Network device statistics from /proc/net/dev and sysfs, and btop's per-second rates.";
  definition.flags = {
      {kNetdevIncludeFlag, "", "Regexp of net devices to include (mutually exclusive to device-exclude).", false},
      {kNetdevExcludeFlag, "", "Regexp of net devices to exclude (mutually exclusive to device-include).", false},
  };
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    const std::string& exclude = context.config.get(kNetdevExcludeFlag);
    const std::string& include = context.config.get(kNetdevIncludeFlag);
    if (!exclude.empty() && !include.empty()) {
      throw std::invalid_argument(
          "--collector.netdev.device-exclude and --collector.netdev.device-include are mutually exclusive");
    }
    DeviceFilter filter(exclude, include, "--collector.netdev.device");
    std::shared_ptr<RateSource> rates;
    if (context.sampler != nullptr) {
      rates = std::make_shared<RateSource>("network", filter, network_rate_sampler(context.roots));
      context.sampler->add(rates);
    }
    return std::make_unique<NetdevCollector>(context.roots, std::move(filter), std::move(rates));
  };
  return definition;
}

}  // namespace host_exporter::collectors
