#include "collectors/darwin_counters.hpp"

#include "platform/darwin/conversions/disk_statistics.hpp"
#include "platform/darwin/conversions/interface_mib.hpp"
#include "platform/darwin/conversions/route_messages.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;

void append_darwin_disk_families(const std::vector<darwin::DiskReading>& disks, const DeviceFilter& filter,
                                 std::vector<MetricFamily>& out) {
  struct Field {
    const char* name;
    const char* help;
    std::optional<double> darwin::DiskCounters::*member;
  };
  static const Field kFields[] = {
      {"node_disk_reads_completed_total", "The total number of reads completed successfully.",
       &darwin::DiskCounters::reads_completed},
      {"node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.",
       &darwin::DiskCounters::read_time_seconds},
      {"node_disk_writes_completed_total", "The total number of writes completed successfully.",
       &darwin::DiskCounters::writes_completed},
      {"node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.",
       &darwin::DiskCounters::write_time_seconds},
      {"node_disk_read_bytes_total", "The total number of bytes read successfully.", &darwin::DiskCounters::read_bytes},
      {"node_disk_written_bytes_total", "The total number of bytes written successfully.",
       &darwin::DiskCounters::written_bytes},
      {"node_disk_read_errors_total", "The total number of read errors.", &darwin::DiskCounters::read_errors},
      {"node_disk_write_errors_total", "The total number of write errors.", &darwin::DiskCounters::write_errors},
      {"node_disk_read_retries_total", "The total number of read retries.", &darwin::DiskCounters::read_retries},
      {"node_disk_write_retries_total", "The total number of write retries.", &darwin::DiskCounters::write_retries},
  };
  std::vector<MetricFamily> families;
  for (const auto& field : kFields) families.push_back({field.name, field.help, MetricType::kCounter, {}});
  for (const auto& disk : disks) {
    if (filter.ignored(disk.name)) continue;
    const darwin::DiskCounters counters = darwin::disk_counters(disk.statistics);
    const std::string labels = render_labels({{"device", disk.name}});
    for (std::size_t i = 0; i < std::size(kFields); ++i) {
      if (const auto& value = counters.*(kFields[i].member)) families[i].series.push_back({labels, *value, {}});
    }
  }
  for (auto& family : families) {
    if (!family.series.empty()) out.push_back(std::move(family));
  }
}

bool read_darwin_interfaces(const darwin::Reader<std::string>& list, const darwin::InterfaceMibReader& mib,
                            std::vector<darwin::InterfaceCounters>& out, std::string& error) {
  std::string buffer;
  out.clear();
  if (!list(buffer, error)) return false;
  if (!darwin::parse_interface_messages(buffer, out, error)) {
    error = "NET_RT_IFLIST2: " + error;
    return false;
  }
  darwin::apply_interface_mib(out, mib);
  return true;
}

void append_darwin_network_families(const std::vector<darwin::InterfaceCounters>& interfaces,
                                    const DeviceFilter& filter, std::vector<MetricFamily>& out) {
  struct Field {
    const char* key;
    std::uint64_t darwin::InterfaceCounters::*member;
  };
  // node_exporter's names after its legacy renaming (netdev_common.go).
  static const Field kFields[] = {
      {"receive_bytes", &darwin::InterfaceCounters::receive_bytes},
      {"receive_packets", &darwin::InterfaceCounters::receive_packets},
      {"receive_errs", &darwin::InterfaceCounters::receive_errors},
      {"receive_drop", &darwin::InterfaceCounters::receive_drops},
      {"receive_multicast", &darwin::InterfaceCounters::receive_multicast},
      {"transmit_bytes", &darwin::InterfaceCounters::transmit_bytes},
      {"transmit_packets", &darwin::InterfaceCounters::transmit_packets},
      {"transmit_errs", &darwin::InterfaceCounters::transmit_errors},
      {"transmit_multicast", &darwin::InterfaceCounters::transmit_multicast},
      {"transmit_colls", &darwin::InterfaceCounters::collisions},
      {"noproto", &darwin::InterfaceCounters::receive_noproto},
  };
  std::vector<MetricFamily> families;
  for (const auto& field : kFields) {
    families.push_back({"node_network_" + std::string(field.key) + "_total",
                        "Network device statistic " + std::string(field.key) + ".", MetricType::kCounter, {}});
  }
  for (const auto& interface : interfaces) {
    if (filter.ignored(interface.name)) continue;
    const std::string labels = render_labels({{"device", interface.name}});
    for (std::size_t i = 0; i < std::size(kFields); ++i) {
      families[i].series.push_back({labels, static_cast<double>(interface.*(kFields[i].member)), {}});
    }
  }
  for (auto& family : families) {
    if (!family.series.empty()) out.push_back(std::move(family));
  }
}

void append_rate_families(const std::vector<CounterPairRate>& rates, const schema::HostFamily& first_family,
                          const schema::HostFamily& second_family, std::vector<MetricFamily>& out) {
  if (rates.empty()) return;
  MetricFamily first = schema::empty_family(first_family);
  MetricFamily second = schema::empty_family(second_family);
  for (const auto& rate : rates) {
    const std::string labels = render_labels({{"device", rate.key}});
    first.series.push_back({labels, rate.first_per_second, {}});
    second.series.push_back({labels, rate.second_per_second, {}});
  }
  out.push_back(std::move(first));
  out.push_back(std::move(second));
}

}  // namespace host_exporter::collectors
