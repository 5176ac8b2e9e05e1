#include "collectors/filesystem.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

#include "collectors/definitions.hpp"
#include "collectors/host_schema.hpp"
#include "collectors/local_filesystem.hpp"
#include "collectors/node_filesystem_families.hpp"
#include "platform/linux/filesystem_usage.hpp"

namespace host_exporter::collectors {

namespace {

bool has_option(std::string_view options, std::string_view wanted) {
  while (!options.empty()) {
    const auto comma = options.find(',');
    if (options.substr(0, comma) == wanted) return true;
    if (comma == std::string_view::npos) break;
    options.remove_prefix(comma + 1);
  }
  return false;
}

constexpr std::array<std::string_view, 3> kMountLabels = {"device", "mountpoint", "fstype"};

constexpr NodeFilesystemFamilies kNode = node_filesystem_families(kMountLabels);

}  // namespace

std::string strip_rootfs(const std::string& rootfs, const std::string& mountpoint) {
  std::string_view prefix = rootfs;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.remove_suffix(1);
  if (prefix.empty() || prefix == "/") return mountpoint;
  const std::string_view path = mountpoint;
  if (path.substr(0, prefix.size()) != prefix) return mountpoint;
  if (path.size() == prefix.size()) return "/";
  if (path[prefix.size()] != '/') return mountpoint;  // "/rootfsx" is not under "/rootfs"
  return std::string(path.substr(prefix.size()));
}

FilesystemCollector::FilesystemCollector(const platform::Roots& roots, DeviceFilter mount_points,
                                         DeviceFilter fs_types, std::shared_ptr<MountStatRunner> stat_runner)
    : roots_(roots),
      reader_(roots),
      mount_points_(std::move(mount_points)),
      fs_types_(std::move(fs_types)),
      stat_runner_(std::move(stat_runner)) {}

FilesystemCollector::Mount& FilesystemCollector::mount_for(const platform::MountEntry& entry) {
  key_.assign(entry.device).append(1, '\0').append(entry.mountpoint).append(1, '\0').append(entry.fstype);
  auto it = mounts_.find(key_);
  if (it == mounts_.end()) {
    Mount mount;
    mount.mountpoint = strip_rootfs(roots_.rootfs, entry.mountpoint);
    mount.excluded = mount_points_.ignored(mount.mountpoint) || fs_types_.ignored(entry.fstype);
    mount.stat_path = roots_.root(mount.mountpoint);
    mount.labels = render_labels({{"device", entry.device}, {"mountpoint", mount.mountpoint}, {"fstype", entry.fstype}});
    mount.mountpoint_labels = render_labels({{"mountpoint", mount.mountpoint}});
    // Reaching a local mount through a remote one (a disk mounted under an NFS
    // directory) walks the remote filesystem: that path keeps the timeout.
    mount.stat_inline = is_local_filesystem(entry.fstype) &&
                        std::none_of(reading_.mounts.begin(), reading_.mounts.end(), [&](const auto& other) {
                          return !is_local_filesystem(other.fstype) && other.mountpoint != entry.mountpoint &&
                                 is_same_or_below(entry.mountpoint, other.mountpoint);
                        });
    it = mounts_.emplace(key_, std::move(mount)).first;
  }
  return it->second;
}

bool FilesystemCollector::reads_cannot_hang() const { return stat_runner_->last_pass_all_inline(); }

void FilesystemCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  const MountStatRunner::Pass pass(*stat_runner_);
  if (!reader_.read(reading_)) throw std::runtime_error(reading_.error);
  ++scrape_;

  rows_.clear();
  for (const auto& entry : reading_.mounts) {
    Mount& mount = mount_for(entry);
    if (mount.scrape == scrape_) continue;  // listed twice (stacked mounts): node_exporter exports it once
    mount.scrape = scrape_;
    if (mount.excluded) continue;

    const MountStatOutcome outcome = mount.stat_inline ? stat_runner_->stat_inline(mount.stat_path)
                                                       : stat_runner_->stat(mount.mountpoint, mount.stat_path);
    if (outcome.status != MountStatStatus::kOk || outcome.reading.error != 0) {
      rows_.push_back({&mount, true, false, false, {}});
      continue;
    }
    const platform::FilesystemUsage& usage = outcome.reading.usage;
    // One ratio per mount point (the label has no device); a filesystem with no
    // blocks at all has no meaningful ratio.
    const bool ratio_done = std::any_of(rows_.begin(), rows_.end(), [&](const Row& row) {
      return row.used_ratio && row.mount->mountpoint == mount.mountpoint;
    });
    const bool used_ratio = !ratio_done && usage.blocks > 0 && usage.fragment_size > 0;
    rows_.push_back({&mount, false, has_option(entry.options, "ro"), used_ratio, usage});
  }
  std::erase_if(mounts_, [this](const auto& item) { return item.second.scrape != scrape_; });

  sink.begin(kNode.device_error);
  for (const Row& row : rows_) sink.sample_rendered(row.mount->labels, row.error ? 1.0 : 0.0);
  // node_exporter multiplies by the statfs block size; btop by the fragment size.
  // Linux reports the same number for both on every filesystem we know.
  const auto each = [&](const FamilyDescriptor& family, auto value) {
    sink.begin(family);
    for (const Row& row : rows_) {
      if (!row.error) sink.sample_rendered(row.mount->labels, value(row));
    }
  };
  const auto bytes = [](std::uint64_t count, const platform::FilesystemUsage& usage) {
    return static_cast<double>(count) * static_cast<double>(usage.block_size);
  };
  each(kNode.size, [&](const Row& row) { return bytes(row.usage.blocks, row.usage); });
  each(kNode.free, [&](const Row& row) { return bytes(row.usage.blocks_free, row.usage); });
  each(kNode.avail, [&](const Row& row) { return bytes(row.usage.blocks_available, row.usage); });
  each(kNode.files, [](const Row& row) { return static_cast<double>(row.usage.files); });
  each(kNode.files_free, [](const Row& row) { return static_cast<double>(row.usage.files_free); });
  each(kNode.readonly, [](const Row& row) { return row.readonly ? 1.0 : 0.0; });
  sink.begin(schema::kFilesystemUsedRatio.family);
  for (const Row& row : rows_) {
    if (!row.used_ratio) continue;
    const double fragment = static_cast<double>(row.usage.fragment_size);
    const double total = static_cast<double>(row.usage.blocks) * fragment;
    const double available = static_cast<double>(row.usage.blocks_available) * fragment;
    sink.sample_rendered(row.mount->mountpoint_labels, (total - available) / total);
  }
}

namespace {
const char kMountPointsExcludeFlag[] = "mount-points-exclude";
const char kFsTypesExcludeFlag[] = "fs-types-exclude";
}  // namespace

CollectorDefinition filesystem_collector_definition() {
  CollectorDefinition definition;
  definition.name = "filesystem";
  definition.enabled_by_default = true;
  definition.help = "Filesystem space and inodes (statvfs of every mount), and btop's used ratio.";
  definition.flags = {
      {kFsTypesExcludeFlag, kFilesystemDefaultFsTypesExclude,
       "Regexp of filesystem types to exclude for filesystem collector.", false},
      {kMountTimeoutFlag, "5s", kMountTimeoutHelp, false},
      {kMountPointsExcludeFlag, kFilesystemDefaultMountPointsExclude,
       "Regexp of mount points to exclude for filesystem collector.", false},
  };
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    const auto timeout = parse_mount_timeout(context.config.get(kMountTimeoutFlag));
    DeviceFilter mount_points(context.config.get(kMountPointsExcludeFlag), "", "--collector.filesystem.mount-points");
    DeviceFilter fs_types(context.config.get(kFsTypesExcludeFlag), "", "--collector.filesystem.fs-types");
    auto runner = std::make_shared<MountStatRunner>(platform::read_filesystem_usage, timeout);
    return std::make_unique<FilesystemCollector>(context.roots, std::move(mount_points), std::move(fs_types),
                                                 std::move(runner));
  };
  return definition;
}

}  // namespace host_exporter::collectors
