#include "collectors/darwin_filesystem.hpp"

#include "collectors/host_schema.hpp"

#include <set>

namespace host_exporter::collectors {

void append_darwin_filesystem_families(const std::vector<platform::darwin::FilesystemReading>& filesystems,
                                       const DeviceFilter& mount_points, const DeviceFilter& fs_types,
                                       const FreshFilesystemUsage& fresh_usage, std::vector<MetricFamily>& out) {
  auto family = [](const char* name, const char* help) { return MetricFamily{name, help, MetricType::kGauge, {}}; };
  MetricFamily size = family("node_filesystem_size_bytes", "Filesystem size in bytes.");
  MetricFamily free = family("node_filesystem_free_bytes", "Filesystem free space in bytes.");
  MetricFamily avail = family("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.");
  MetricFamily files = family("node_filesystem_files", "Filesystem total file nodes.");
  MetricFamily files_free = family("node_filesystem_files_free", "Filesystem total free file nodes.");
  MetricFamily readonly = family("node_filesystem_readonly", "Filesystem read-only status.");
  MetricFamily device_error =
      family("node_filesystem_device_error", "Whether an error occurred while getting statistics for the given device.");
  MetricFamily purgeable = family("node_filesystem_purgeable_bytes",
                                  "Filesystem space available including purgeable space (MacOS specific).");
  MetricFamily used_ratio = schema::empty_family(schema::kFilesystemUsedRatio);
  MetricFamily used_bytes = schema::empty_family(schema::kFilesystemUsedBytes);
  std::set<std::string> seen_labels, seen_mountpoints;
  for (const auto& fs : filesystems) {
    if (mount_points.ignored(fs.mountpoint) || fs_types.ignored(fs.fstype)) continue;
    std::string labels =
        render_labels({{"device", fs.device}, {"fstype", fs.fstype}, {"mountpoint", fs.mountpoint}});
    if (!seen_labels.insert(labels).second) continue;
    const double block = static_cast<double>(fs.block_size);
    size.series.push_back({labels, static_cast<double>(fs.blocks) * block, {}});
    free.series.push_back({labels, static_cast<double>(fs.blocks_free) * block, {}});
    avail.series.push_back({labels, static_cast<double>(fs.blocks_available) * block, {}});
    files.series.push_back({labels, static_cast<double>(fs.files), {}});
    files_free.series.push_back({labels, static_cast<double>(fs.files_free), {}});
    readonly.series.push_back({labels, fs.read_only ? 1.0 : 0.0, {}});
    if (fs.available_with_purgeable_bytes) {
      purgeable.series.push_back({labels, static_cast<double>(*fs.available_with_purgeable_bytes), {}});
    }
    device_error.series.push_back({std::move(labels), 0.0, {}});
    if (!seen_mountpoints.insert(fs.mountpoint).second) continue;
    const std::string mountpoint = render_labels({{"mountpoint", fs.mountpoint}});
    if (const auto usage = fresh_usage(fs); usage && usage->blocks > 0) {
      const std::uint64_t used = usage->blocks > usage->blocks_free ? usage->blocks - usage->blocks_free : 0;
      used_ratio.series.push_back({mountpoint, static_cast<double>(used) / static_cast<double>(usage->blocks), {}});
    }
    if (fs.space_used_bytes) used_bytes.series.push_back({mountpoint, static_cast<double>(*fs.space_used_bytes), {}});
  }
  for (auto* f : {&size, &free, &avail, &files, &files_free, &readonly, &device_error, &purgeable, &used_ratio,
                  &used_bytes}) {
    if (!f->series.empty()) out.push_back(std::move(*f));
  }
}

}  // namespace host_exporter::collectors
