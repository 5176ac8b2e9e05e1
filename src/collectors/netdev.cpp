#include "collectors/netdev.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include "collectors/definitions.hpp"
#include "log/log.hpp"

namespace host_exporter::collectors {

namespace {

// node_exporter's names for the /proc/net/dev columns (its "legacy" names: errs,
// drop, colls, as the kernel's header spells them), in column order.
constexpr std::array<std::string_view, platform::kNetDevColumnCount> kColumnKeys = {
    "receive_bytes",  "receive_packets",  "receive_errs",  "receive_drop",
    "receive_fifo",   "receive_frame",    "receive_compressed", "receive_multicast",
    "transmit_bytes", "transmit_packets", "transmit_errs", "transmit_drop",
    "transmit_fifo",  "transmit_colls",   "transmit_carrier",   "transmit_compressed"};

}  // namespace

NetworkRateSource::NetworkRateSource(const platform::Roots& roots, DeviceFilter filter)
    : reader_(roots), filter_(std::move(filter)) {}

void NetworkRateSource::take_sample(std::chrono::steady_clock::time_point now) {
  std::lock_guard sample_lock(sample_mutex_);
  if (!reader_.read(reading_)) {
    log::debug("network rates: cannot read", {{"err", reading_.error}});
    window_.reset();
  } else {
    window_.begin_sample(now);
    for (const auto& interface : reading_.interfaces) {
      if (filter_.ignored(interface.device)) continue;
      window_.add(interface.device, interface.counters[platform::kReceiveBytes],
                  interface.counters[platform::kTransmitBytes]);
    }
    window_.end_sample();
  }
  std::lock_guard publish_lock(published_mutex_);
  published_ = window_.rates();
}

void NetworkRateSource::copy_rates(std::vector<CounterPairRate>& out) const {
  std::lock_guard lock(published_mutex_);
  out = published_;
}

NetdevCollector::NetdevCollector(const platform::Roots& roots, DeviceFilter filter,
                                 std::shared_ptr<NetworkRateSource> rates)
    : reader_(roots), labels_(std::move(filter)), rates_(std::move(rates)) {}

void NetdevCollector::collect(std::vector<MetricFamily>& out) {
  std::lock_guard lock(mutex_);
  if (!reader_.read(reading_)) throw std::runtime_error(reading_.error);

  const std::size_t first = out.size();
  for (const std::string_view key : kColumnKeys) {
    MetricFamily family;
    family.name.reserve(key.size() + 20);
    family.name.append("node_network_").append(key).append("_total");
    family.help.append("Network device statistic ").append(key).append(".");
    family.type = MetricType::kCounter;
    family.series.reserve(reading_.interfaces.size());
    out.push_back(std::move(family));
  }
  labels_.begin_scrape();
  for (const auto& interface : reading_.interfaces) {
    const std::string* labels = labels_.find(interface.device);
    if (labels == nullptr) continue;
    for (std::size_t column = 0; column < platform::kNetDevColumnCount; ++column) {
      out[first + column].series.push_back({*labels, static_cast<double>(interface.counters[column]), {}});
    }
  }

  if (rates_) {
    rates_->copy_rates(rates_copy_);
    if (!rates_copy_.empty()) {
      MetricFamily receive{"host_network_receive_bytes_per_second",
                           "Bytes received per second over the last sampler window (btop's network rate).",
                           MetricType::kGauge, {}};
      MetricFamily transmit{"host_network_transmit_bytes_per_second",
                            "Bytes transmitted per second over the last sampler window (btop's network rate).",
                            MetricType::kGauge, {}};
      for (const auto& rate : rates_copy_) {
        const std::string* labels = labels_.find(rate.key);
        if (labels == nullptr) continue;
        receive.series.push_back({*labels, rate.first_per_second, {}});
        transmit.series.push_back({*labels, rate.second_per_second, {}});
      }
      out.push_back(std::move(receive));
      out.push_back(std::move(transmit));
    }
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
  definition.help = "Network device statistics from /proc/net/dev, and btop's per-second rates.";
  definition.flags = {
      {kNetdevIncludeFlag, "", "Regexp of net devices to include (mutually exclusive to device-exclude).", false},
      {kNetdevExcludeFlag, "", "Regexp of net devices to exclude (mutually exclusive to device-include).", false},
  };
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<Collector> {
    const std::string& exclude = context.config.get(kNetdevExcludeFlag);
    const std::string& include = context.config.get(kNetdevIncludeFlag);
    if (!exclude.empty() && !include.empty()) {
      throw std::invalid_argument(
          "--collector.netdev.device-exclude and --collector.netdev.device-include are mutually exclusive");
    }
    DeviceFilter filter(exclude, include, "--collector.netdev.device");
    std::shared_ptr<NetworkRateSource> rates;
    if (context.sampler != nullptr) {
      rates = std::make_shared<NetworkRateSource>(context.roots, filter);
      context.sampler->add(rates);
    }
    return std::make_unique<NetdevCollector>(context.roots, std::move(filter), std::move(rates));
  };
  return definition;
}

}  // namespace host_exporter::collectors
