#include "collectors/darwin_filesystem.hpp"

#include <set>
#include <string_view>

#include "collectors/host_schema.hpp"
#include "collectors/node_filesystem_families.hpp"

namespace host_exporter::collectors {

namespace {

using exposition::FamilyDescriptor;
using platform::darwin::FilesystemReading;

constexpr std::string_view kLabels[] = {"device", "fstype", "mountpoint"};

constexpr FamilyDescriptor gauge(std::string_view name, std::string_view help) {
  return {name, help, MetricType::kGauge, kLabels};
}

constexpr NodeFilesystemFamilies kNode = node_filesystem_families(kLabels);
constexpr FamilyDescriptor kPurgeable =
    gauge("node_filesystem_purgeable_bytes", "Filesystem space available including purgeable space (MacOS specific).");

struct Mount {
  std::string labels;  // mountpoint="..."
  std::optional<double> used_ratio;
  std::optional<double> used_bytes;
};

}  // namespace

void fill_darwin_filesystem_families(const std::vector<FilesystemReading>& filesystems, const DeviceFilter& mount_points,
                                     const DeviceFilter& fs_types, const FreshFilesystemUsage& fresh_usage,
                                     exposition::Sink& sink) {
  // The sink takes a family at a time: the kept filesystems and mount points first.
  std::vector<std::pair<const FilesystemReading*, std::string>> kept;
  std::vector<Mount> mounts;
  std::set<std::string> seen_labels, seen_mountpoints;
  for (const auto& fs : filesystems) {
    if (mount_points.ignored(fs.mountpoint) || fs_types.ignored(fs.fstype)) continue;
    std::string labels = render_labels({{"device", fs.device}, {"fstype", fs.fstype}, {"mountpoint", fs.mountpoint}});
    if (!seen_labels.insert(labels).second) continue;
    kept.emplace_back(&fs, std::move(labels));
    if (!seen_mountpoints.insert(fs.mountpoint).second) continue;
    Mount mount{render_labels({{"mountpoint", fs.mountpoint}}), std::nullopt, std::nullopt};
    if (const auto usage = fresh_usage(fs); usage && usage->blocks > 0) {
      const std::uint64_t used = usage->blocks > usage->blocks_free ? usage->blocks - usage->blocks_free : 0;
      mount.used_ratio = static_cast<double>(used) / static_cast<double>(usage->blocks);
    }
    if (fs.space_used_bytes) mount.used_bytes = static_cast<double>(*fs.space_used_bytes);
    mounts.push_back(std::move(mount));
  }

  const auto family = [&](const FamilyDescriptor& descriptor, auto value) {
    sink.begin(descriptor);
    for (const auto& [fs, labels] : kept) {
      if (const std::optional<double> v = value(*fs)) sink.sample_rendered(labels, *v);
    }
  };
  const auto blocks = [](std::uint64_t count, const FilesystemReading& fs) {
    return std::optional<double>(static_cast<double>(count) * static_cast<double>(fs.block_size));
  };
  family(kNode.size, [&](const FilesystemReading& fs) { return blocks(fs.blocks, fs); });
  family(kNode.free, [&](const FilesystemReading& fs) { return blocks(fs.blocks_free, fs); });
  family(kNode.avail, [&](const FilesystemReading& fs) { return blocks(fs.blocks_available, fs); });
  family(kNode.files, [](const FilesystemReading& fs) { return std::optional<double>(static_cast<double>(fs.files)); });
  family(kNode.files_free,
         [](const FilesystemReading& fs) { return std::optional<double>(static_cast<double>(fs.files_free)); });
  family(kNode.readonly, [](const FilesystemReading& fs) { return std::optional<double>(fs.read_only ? 1.0 : 0.0); });
  family(kNode.device_error, [](const FilesystemReading&) { return std::optional<double>(0.0); });
  family(kPurgeable, [](const FilesystemReading& fs) {
    return fs.available_with_purgeable_bytes ? std::optional<double>(static_cast<double>(*fs.available_with_purgeable_bytes))
                                             : std::nullopt;
  });
  sink.begin(schema::kFilesystemUsedRatio.family);
  for (const auto& mount : mounts) {
    if (mount.used_ratio) sink.sample_rendered(mount.labels, *mount.used_ratio);
  }
  sink.begin(schema::kFilesystemUsedBytes.family);
  for (const auto& mount : mounts) {
    if (mount.used_bytes) sink.sample_rendered(mount.labels, *mount.used_bytes);
  }
}

}  // namespace host_exporter::collectors
