#include "platform/filesystem_type.hpp"

#include "platform/linux/mounts_reader.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

std::string filesystem_type_of(const std::string& path) {
  const std::string resolved = resolve_nearest_existing(path);
  std::string text;
  MountsReading table;
  // Our own mount namespace: the one our reads of `path` go through.
  if (resolved.empty() || !read_file("/proc/self/mounts", text) || !parse_mounts(text, table)) return {};
  // The mount with the longest mount point holding the path; of several there, the last one
  // mounted, which hides the others.
  const MountEntry* holder = nullptr;
  for (const MountEntry& mount : table.mounts) {
    const std::string& point = mount.mountpoint;
    if (is_same_or_below(resolved, point) && (holder == nullptr || point.size() >= holder->mountpoint.size())) {
      holder = &mount;
    }
  }
  return holder != nullptr ? holder->fstype : std::string();
}

}  // namespace host_exporter::platform
