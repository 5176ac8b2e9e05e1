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

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "collectors/counter_pair_rates.hpp"
#include "collectors/device_filter.hpp"
#include "collectors/host_schema.hpp"
#include "collectors/sampler.hpp"
#include "host_exporter/collector.hpp"
#include "platform/darwin/host_readers.hpp"

namespace host_exporter::collectors {

void append_darwin_disk_families(const std::vector<platform::darwin::DiskReading>& disks, const DeviceFilter& filter,
                                 std::vector<MetricFamily>& out);

// The interfaces NET_RT_IFLIST2 lists, each with its exact ifmibdata counters where they
// can be read (platform/darwin/conversions/interface_mib.hpp); false, with `error`, when
// the list cannot be read or is malformed.
bool read_darwin_interfaces(const platform::darwin::Reader<std::string>& list,
                            const platform::darwin::InterfaceMibReader& mib,
                            std::vector<platform::darwin::InterfaceCounters>& out, std::string& error);

void append_darwin_network_families(const std::vector<platform::darwin::InterfaceCounters>& interfaces,
                                    const DeviceFilter& filter, std::vector<MetricFamily>& out);

// Samples a pair of byte counters per device every sampler tick and publishes their rates.
class DarwinRateSource final : public SampledSource {
 public:
  // Appends (device, first counter, second counter) for every device; false when it cannot read.
  using Sampler = std::function<bool(std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>>&)>;
  explicit DarwinRateSource(Sampler sample);
  void take_sample(std::chrono::steady_clock::time_point now) override;
  std::vector<CounterPairRate> rates() const;

 private:
  Sampler sample_;
  std::mutex sample_mutex_;
  CounterPairRates rates_;
  std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>> buffer_;
  mutable std::mutex published_mutex_;
  std::vector<CounterPairRate> published_;
};

// host_<subsystem>_<first>_bytes_per_second{device} and the second, from a rate source.
void append_rate_families(const std::vector<CounterPairRate>& rates, const schema::HostFamily& first,
                          const schema::HostFamily& second, std::vector<MetricFamily>& out);

}  // namespace host_exporter::collectors
