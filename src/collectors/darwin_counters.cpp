#include "collectors/darwin_counters.hpp"

#include <array>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "collectors/host_schema.hpp"
#include "platform/darwin/conversions/interface_mib.hpp"
#include "platform/darwin/conversions/route_messages.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;

namespace {

constexpr std::array<std::string_view, 1> kDeviceLabel = {"device"};

struct DiskField {
  FamilyDescriptor family;
  std::optional<double> darwin::DiskCounters::*member;
};

constexpr DiskField disk(std::string_view name, std::string_view help, std::optional<double> darwin::DiskCounters::*member) {
  return {{name, help, MetricType::kCounter, kDeviceLabel}, member};
}

const std::array<DiskField, 10> kDiskFields = {{
    disk("node_disk_reads_completed_total", "The total number of reads completed successfully.",
         &darwin::DiskCounters::reads_completed),
    disk("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.",
         &darwin::DiskCounters::read_time_seconds),
    disk("node_disk_writes_completed_total", "The total number of writes completed successfully.",
         &darwin::DiskCounters::writes_completed),
    disk("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.",
         &darwin::DiskCounters::write_time_seconds),
    disk("node_disk_read_bytes_total", "The total number of bytes read successfully.", &darwin::DiskCounters::read_bytes),
    disk("node_disk_written_bytes_total", "The total number of bytes written successfully.",
         &darwin::DiskCounters::written_bytes),
    disk("node_disk_read_errors_total", "The total number of read errors.", &darwin::DiskCounters::read_errors),
    disk("node_disk_write_errors_total", "The total number of write errors.", &darwin::DiskCounters::write_errors),
    disk("node_disk_read_retries_total", "The total number of read retries.", &darwin::DiskCounters::read_retries),
    disk("node_disk_write_retries_total", "The total number of write retries.", &darwin::DiskCounters::write_retries),
}};

struct NetworkField {
  FamilyDescriptor family;
  std::uint64_t darwin::InterfaceCounters::*member;
};

constexpr NetworkField network(std::string_view name, std::string_view help,
                               std::uint64_t darwin::InterfaceCounters::*member) {
  return {{name, help, MetricType::kCounter, kDeviceLabel}, member};
}

// node_exporter's names after its legacy renaming (netdev_common.go).
const std::array<NetworkField, 11> kNetworkFields = {{
    network("node_network_receive_bytes_total", "Network device statistic receive_bytes.",
            &darwin::InterfaceCounters::receive_bytes),
    network("node_network_receive_packets_total", "Network device statistic receive_packets.",
            &darwin::InterfaceCounters::receive_packets),
    network("node_network_receive_errs_total", "Network device statistic receive_errs.",
            &darwin::InterfaceCounters::receive_errors),
    network("node_network_receive_drop_total", "Network device statistic receive_drop.",
            &darwin::InterfaceCounters::receive_drops),
    network("node_network_receive_multicast_total", "Network device statistic receive_multicast.",
            &darwin::InterfaceCounters::receive_multicast),
    network("node_network_transmit_bytes_total", "Network device statistic transmit_bytes.",
            &darwin::InterfaceCounters::transmit_bytes),
    network("node_network_transmit_packets_total", "Network device statistic transmit_packets.",
            &darwin::InterfaceCounters::transmit_packets),
    network("node_network_transmit_errs_total", "Network device statistic transmit_errs.",
            &darwin::InterfaceCounters::transmit_errors),
    network("node_network_transmit_multicast_total", "Network device statistic transmit_multicast.",
            &darwin::InterfaceCounters::transmit_multicast),
    network("node_network_transmit_colls_total", "Network device statistic transmit_colls.",
            &darwin::InterfaceCounters::collisions),
    network("node_network_noproto_total", "Network device statistic noproto.",
            &darwin::InterfaceCounters::receive_noproto),
}};

}  // namespace

bool read_darwin_interfaces(const darwin::Reader<std::string>& list, const darwin::InterfaceMibReader& mib,
                            std::string& buffer, std::vector<darwin::InterfaceCounters>& out, std::string& error) {
  out.clear();
  if (!list(buffer, error)) return false;
  if (!darwin::parse_interface_messages(buffer, out, error)) {
    error = "NET_RT_IFLIST2: " + error;
    return false;
  }
  darwin::apply_interface_mib(out, mib);
  return true;
}

DarwinDiskstatsCollector::DarwinDiskstatsCollector(darwin::Reader<std::vector<darwin::DiskReading>> reader,
                                                   DeviceFilter filter, std::shared_ptr<RateSource> rates)
    : reader_(std::move(reader)), labels_(std::move(filter)), rates_(std::move(rates)) {}

void DarwinDiskstatsCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  disks_.clear();
  if (!reader_(disks_, error_)) throw std::runtime_error("IOKit disks: " + error_);
  labels_.begin_scrape();
  kept_.clear();
  counters_.clear();
  for (const auto& reading : disks_) {
    kept_.push_back(labels_.find(reading.name));
    counters_.push_back(kept_.back() != nullptr ? darwin::disk_counters(reading.statistics) : darwin::DiskCounters{});
  }
  for (const auto& field : kDiskFields) {
    sink.begin(field.family);
    for (std::size_t d = 0; d < disks_.size(); ++d) {
      // Only the counters the driver publishes: a family no disk has is not written.
      if (kept_[d] == nullptr || !(counters_[d].*(field.member))) continue;
      sink.sample_rendered(kept_[d]->labels, *(counters_[d].*(field.member)));
    }
  }
  if (rates_) fill_rate_families(*rates_, rates_copy_, labels_, schema::kDiskRead.family, schema::kDiskWrite.family, sink);
  labels_.end_scrape();
}

DarwinNetdevCollector::DarwinNetdevCollector(darwin::Reader<std::string> list, darwin::InterfaceMibReader mib,
                                             DeviceFilter filter, std::shared_ptr<RateSource> rates)
    : list_(std::move(list)), mib_(std::move(mib)), labels_(std::move(filter)), rates_(std::move(rates)) {}

void DarwinNetdevCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  if (!read_darwin_interfaces(list_, mib_, buffer_, interfaces_, error_)) throw std::runtime_error(error_);
  labels_.begin_scrape();
  for (const auto& field : kNetworkFields) {
    sink.begin(field.family);
    for (const auto& interface : interfaces_) {
      const auto* device = labels_.find(interface.name);
      if (device == nullptr) continue;
      sink.sample_rendered(device->labels, static_cast<double>(interface.*(field.member)));
    }
  }
  if (rates_) {
    fill_rate_families(*rates_, rates_copy_, labels_, schema::kNetworkReceive.family, schema::kNetworkTransmit.family,
                       sink);
  }
  labels_.end_scrape();
}

}  // namespace host_exporter::collectors
