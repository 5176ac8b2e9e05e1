#pragma once
// macOS filesystems, with node_exporter's darwin defaults (filesystem_bsd.go): mount
// points ^/(dev)($|/) and fs type ^devfs$ excluded.
//   node_filesystem_{size,free,avail}_bytes, _files, _files_free, _readonly, _device_error
//       getfsstat(MNT_NOWAIT), as node_exporter: the kernel's cached statistics
//   node_filesystem_purgeable_bytes  local volumes: free space with what macOS would purge
//       (CFURL VolumeAvailableCapacityForImportantUsage, node_exporter's macOS build)
//   host_filesystem_used_ratio{mountpoint}  btop's macOS formula, (f_blocks - f_bfree) /
//       f_blocks, on a fresh statfs of the mount (btop calls statvfs per mount): cached
//       figures can be stale; absent for a mount whose statfs failed or hangs
//   host_filesystem_used_bytes{mountpoint}  APFS: getattrlist ATTR_VOL_SPACEUSED (the
//       volume's own use; statfs free space is shared by every volume of the container)

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "collectors/device_filter.hpp"
#include "exposition/sink.hpp"
#include "platform/darwin/conversions/readings.hpp"
#include "platform/linux/filesystem_usage.hpp"

namespace host_exporter::collectors {

inline constexpr const char* kDarwinMountPointsExclude = "^/(dev)($|/)";
inline constexpr const char* kDarwinFsTypesExclude = "^devfs$";

// A fresh statfs of one mount; nullopt when it failed or did not answer in time.
using FreshFilesystemUsage =
    std::function<std::optional<platform::FilesystemUsage>(const platform::darwin::FilesystemReading&)>;

// The families of one getfsstat reading, into the sink; `fresh_usage` is called once per
// kept mount point, in the reading's order.
void fill_darwin_filesystem_families(const std::vector<platform::darwin::FilesystemReading>& filesystems,
                                     const DeviceFilter& mount_points, const DeviceFilter& fs_types,
                                     const FreshFilesystemUsage& fresh_usage, exposition::Sink& sink);

}  // namespace host_exporter::collectors
