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

#include <string>
#include <vector>

#include "collectors/counter_pair_rates.hpp"
#include "collectors/device_filter.hpp"
#include "collectors/host_schema.hpp"
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

// host_<subsystem>_<first>_bytes_per_second{device} and the second, from a rate source.
void append_rate_families(const std::vector<CounterPairRate>& rates, const schema::HostFamily& first,
                          const schema::HostFamily& second, std::vector<MetricFamily>& out);

}  // namespace host_exporter::collectors
