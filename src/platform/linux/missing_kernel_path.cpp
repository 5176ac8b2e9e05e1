#include "platform/linux/missing_kernel_path.hpp"

#include <linux/magic.h>
#include <sys/vfs.h>

#include <cerrno>

namespace host_exporter::platform {

namespace {

// Whether the nearest existing directory above `path` is procfs or sysfs.
bool under_kernel_file_system(std::string path) {
  for (;;) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return false;
    path.resize(slash == 0 ? 1 : slash);
    struct statfs info {};
    if (::statfs(path.c_str(), &info) == 0) {
      const auto type = static_cast<unsigned long>(info.f_type);
      return type == PROC_SUPER_MAGIC || type == SYSFS_MAGIC;
    }
    if (errno != ENOENT || path == "/") return false;
  }
}

}  // namespace

void MissingKernelPath::note_failure(const std::string& path, int error_number) {
  if (error_number == ENOENT && under_kernel_file_system(path)) until_ = std::chrono::steady_clock::now() + recheck_;
}

}  // namespace host_exporter::platform
