#pragma once
// Where the platform code reads from. Every path goes through a root so that a
// test can point host_exporter at a fixture tree (--path.procfs, --path.sysfs,
// --path.rootfs, --path.udev.data), as node_exporter does.

#include <string>
#include <string_view>

namespace host_exporter::platform {

struct Roots {
  std::string procfs = "/proc";
  std::string sysfs = "/sys";
  std::string rootfs = "/";
  std::string udev_data = "/run/udev/data";  // udev's device database (not below rootfs, as upstream)

  std::string proc(std::string_view relative) const { return join(procfs, relative); }
  std::string sys(std::string_view relative) const { return join(sysfs, relative); }
  std::string root(std::string_view relative) const { return join(rootfs, relative); }
  std::string udev(std::string_view relative) const { return join(udev_data, relative); }

  static std::string join(std::string_view base, std::string_view relative) {
    std::string path(base);
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
    if (relative.empty()) return path;
    if (path != "/") path += '/';
    path += relative;
    return path;
  }
};

}  // namespace host_exporter::platform
