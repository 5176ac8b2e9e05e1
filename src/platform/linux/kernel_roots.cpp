#include "platform/kernel_roots.hpp"

#include <linux/magic.h>
#include <sys/vfs.h>

namespace host_exporter::platform {

namespace {

bool is_filesystem(const std::string& path, long magic) {
  struct statfs info {};
  return ::statfs(path.c_str(), &info) == 0 && static_cast<long>(info.f_type) == magic;
}

}  // namespace

bool collectors_read_the_kernel(const Roots& roots) {
  return is_filesystem(roots.procfs, PROC_SUPER_MAGIC) && is_filesystem(roots.sysfs, SYSFS_MAGIC);
}

}  // namespace host_exporter::platform
