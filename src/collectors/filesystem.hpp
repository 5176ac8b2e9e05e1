#pragma once
// The filesystem collector: node_exporter's node_filesystem_* gauges for every
// mount in <procfs>/1/mounts that the exclude flags keep, from statvfs of
// <rootfs>/<mountpoint>, and btop's used ratio (host_filesystem_used_ratio).
// statvfs of a network or FUSE mount (or anything below one) runs under a
// per-mount timeout (MountStatRunner), so a hung server shows as
// node_filesystem_device_error 1 instead of stalling the scrape; local
// filesystems are stat'ed inline.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include "collectors/device_filter.hpp"
#include "collectors/mount_stat_runner.hpp"
#include "collectors/host_collector.hpp"
#include "platform/linux/filesystem_usage.hpp"
#include "platform/linux/mounts_reader.hpp"

namespace host_exporter::collectors {

inline constexpr char kFilesystemDefaultMountPointsExclude[] =
    "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";
inline constexpr char kFilesystemDefaultFsTypesExclude[] =
    "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|"
    "overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|erofs|sysfs|tracefs)$";

// The mount point as a label: `mountpoint` with the --path.rootfs prefix taken
// off at a path boundary ("/rootfs/home" -> "/home", "/rootfs" -> "/").
std::string strip_rootfs(const std::string& rootfs, const std::string& mountpoint);

class FilesystemCollector final : public HostCollector {
 public:
  FilesystemCollector(const platform::Roots& roots, DeviceFilter mount_points, DeviceFilter fs_types,
                      std::shared_ptr<MountStatRunner> stat_runner);
  void fill(ScrapeContext& scrape, Sink& sink) override;
  // Until a scrape has stat'ed every mount inline (none network or FUSE), and after one that did not: false.
  bool reads_cannot_hang() const override;

 private:
  // What stays the same for a mount from one scrape to the next.
  struct Mount {
    bool excluded = false;
    std::string mountpoint;       // the label value (rootfs stripped)
    std::string stat_path;        // <rootfs>/<mountpoint>
    std::string labels;           // device, mountpoint, fstype
    std::string mountpoint_labels;  // mountpoint only (the host_* series)
    bool stat_inline = false;     // a local filesystem not below a remote one: no timeout needed
    std::uint64_t scrape = 0;     // last scrape that listed it
  };

  Mount& mount_for(const platform::MountEntry& entry);

  std::mutex mutex_;
  platform::Roots roots_;
  platform::MountsReader reader_;
  platform::MountsReading reading_;
  DeviceFilter mount_points_;
  DeviceFilter fs_types_;
  std::shared_ptr<MountStatRunner> stat_runner_;
  std::map<std::string, Mount, std::less<>> mounts_;  // by device \0 mountpoint \0 fstype
  std::string key_;
  // This scrape's mounts, statted, before they are written family by family.
  struct Row {
    const Mount* mount;
    bool error;
    bool readonly;
    bool used_ratio;  // the first row of its mount point with a meaningful ratio
    platform::FilesystemUsage usage;
  };
  std::vector<Row> rows_;
  std::uint64_t scrape_ = 0;
};

}  // namespace host_exporter::collectors
