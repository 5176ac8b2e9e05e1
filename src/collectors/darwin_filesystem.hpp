#pragma once
// macOS filesystems from getfsstat(MNT_NOWAIT) (cached statfs: never blocks on a hung
// network mount), with node_exporter's darwin defaults (filesystem_bsd.go): mount points
// ^/(dev)($|/) and fs type ^devfs$ excluded.
//   node_filesystem_{size,free,avail}_bytes, _files, _files_free, _readonly, _device_error
//   host_filesystem_used_ratio{mountpoint}  btop's macOS formula: (f_blocks - f_bfree) / f_blocks
//   host_filesystem_used_bytes{mountpoint}  APFS: getattrlist ATTR_VOL_SPACEUSED (the
//       volume's own use; statfs free space is shared by every volume of the container)

#include <string>
#include <vector>

#include "collectors/device_filter.hpp"
#include "host_exporter/metric_family.hpp"
#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::collectors {

inline constexpr const char* kDarwinMountPointsExclude = "^/(dev)($|/)";
inline constexpr const char* kDarwinFsTypesExclude = "^devfs$";

void append_darwin_filesystem_families(const std::vector<platform::darwin::FilesystemReading>& filesystems,
                                       const DeviceFilter& mount_points, const DeviceFilter& fs_types,
                                       std::vector<MetricFamily>& out);

}  // namespace host_exporter::collectors
