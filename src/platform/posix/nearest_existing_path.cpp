#include "platform/filesystem_type.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace host_exporter::platform {

std::string resolve_nearest_existing(const std::string& path) {
  std::string candidate = path.empty() ? "." : path;
  for (;;) {
    char resolved[PATH_MAX];
    if (::realpath(candidate.c_str(), resolved) != nullptr) return resolved;
    if (errno != ENOENT && errno != ENOTDIR) return {};
    while (candidate.size() > 1 && candidate.back() == '/') candidate.pop_back();
    if (candidate == "/" || candidate == ".") return {};  // nothing above left to try
    const auto slash = candidate.find_last_of('/');
    candidate = slash == std::string::npos ? "." : candidate.substr(0, slash == 0 ? 1 : slash);
  }
}

bool is_same_or_below(std::string_view path, std::string_view ancestor) {
  if (ancestor == "/") return !path.empty() && path.front() == '/';
  if (!path.starts_with(ancestor)) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '/';
}

}  // namespace host_exporter::platform
