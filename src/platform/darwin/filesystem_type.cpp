#include "platform/filesystem_type.hpp"

#include <sys/mount.h>
#include <sys/param.h>

namespace host_exporter::platform {

std::string filesystem_type_of(const std::string& path) {
  const std::string resolved = resolve_nearest_existing(path);
  struct statfs info {};
  if (resolved.empty() || ::statfs(resolved.c_str(), &info) != 0) return {};
  return info.f_fstypename;
}

}  // namespace host_exporter::platform
