#pragma once
// node_exporter's node_filesystem_* gauges: their names and HELP texts are the same on every OS;
// the label order is each OS's own in node_exporter (Linux: device, mountpoint, fstype; macOS:
// device, fstype, mountpoint), so each collector passes its own.

#include <span>
#include <string_view>

#include "exposition/sink.hpp"

namespace host_exporter::collectors {

struct NodeFilesystemFamilies {
  exposition::FamilyDescriptor size, free, avail, files, files_free, readonly, device_error;
};

constexpr NodeFilesystemFamilies node_filesystem_families(std::span<const std::string_view> labels) {
  const auto gauge = [labels](std::string_view name, std::string_view help) {
    return exposition::FamilyDescriptor{name, help, MetricType::kGauge, labels};
  };
  return {
      gauge("node_filesystem_size_bytes", "Filesystem size in bytes."),
      gauge("node_filesystem_free_bytes", "Filesystem free space in bytes."),
      gauge("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes."),
      gauge("node_filesystem_files", "Filesystem total file nodes."),
      gauge("node_filesystem_files_free", "Filesystem total free file nodes."),
      gauge("node_filesystem_readonly", "Filesystem read-only status."),
      gauge("node_filesystem_device_error", "Whether an error occurred while getting statistics for the given device."),
  };
}

}  // namespace host_exporter::collectors
