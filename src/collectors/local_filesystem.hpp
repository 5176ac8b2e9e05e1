#pragma once
// Which mounts can be stat'ed inline in a scrape. statfs on a disk or memory
// filesystem is answered from the kernel's own counters; on a network or FUSE
// filesystem it waits for a server or a user-space daemon, which may never answer.
// Only the latter need MountStatRunner's worker thread and timeout (a hand-off costs
// about 15 futex calls a scrape on a machine with a few mounts).

#include <string_view>

#include "platform/filesystem_type.hpp"

namespace host_exporter::collectors {

// True for filesystem types whose statfs never leaves the machine: disk filesystems
// (ext2/3/4, xfs, btrfs, vfat, ...), memory ones (tmpfs, ramfs) and apfs/hfs.
// Anything unknown counts as possibly remote.
bool is_local_filesystem(std::string_view fstype);

using platform::is_same_or_below;  // platform/filesystem_type.hpp

}  // namespace host_exporter::collectors
