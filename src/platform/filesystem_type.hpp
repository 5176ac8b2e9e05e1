#pragma once
// The type of the filesystem a path lives on, as the mount table names it ("ext4", "nfs4",
// "apfs"): for telling whether reads below the path can hang on a remote server. Symbolic
// links are resolved; for a path that does not exist, its nearest existing parent is used.
// It may block as long as that filesystem does (a hung NFS server): call it where blocking is
// harmless. Linux: /proc/self/mounts (linux/filesystem_type.cpp); macOS: statfs's
// f_fstypename (darwin/filesystem_type.cpp).

#include <string>
#include <string_view>

namespace host_exporter::platform {

// Empty when it cannot be told.
std::string filesystem_type_of(const std::string& path);

// realpath(3) of `path`, or of its nearest existing parent when it does not exist (POSIX,
// posix/nearest_existing_path.cpp); empty when neither can be resolved.
std::string resolve_nearest_existing(const std::string& path);

// True when `path` is `ancestor` or lies below it, at a path boundary (both absolute).
bool is_same_or_below(std::string_view path, std::string_view ancestor);

}  // namespace host_exporter::platform
