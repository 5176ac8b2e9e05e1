#include "platform/open_file_limit.hpp"

#include <sys/resource.h>
#if defined(__APPLE__)
#include <sys/syslimits.h>  // OPEN_MAX
#endif

#include <cerrno>
#include <cstring>
#include <limits>

namespace host_exporter::platform {

namespace {
std::uint64_t as_count(rlim_t value) {
  return value == RLIM_INFINITY ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(value);
}
}  // namespace

OpenFileLimit raise_open_file_limit() {
  OpenFileLimit result;
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  result.hard = as_count(limit.rlim_max);
  if (limit.rlim_cur != limit.rlim_max) {
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    bool raised = ::setrlimit(RLIMIT_NOFILE, &limit) == 0;
#if defined(__APPLE__)
    // macOS refuses a soft limit above OPEN_MAX (EINVAL), and its hard limit is often
    // RLIM_INFINITY: settle for OPEN_MAX there, as Go's runtime does.
    if (!raised && errno == EINVAL && before < OPEN_MAX) {
      limit.rlim_cur = OPEN_MAX;
      raised = ::setrlimit(RLIMIT_NOFILE, &limit) == 0;
    }
#endif
    if (!raised) {
      result.error = std::strerror(errno);
      limit.rlim_cur = before;
    }
  }
  result.soft = as_count(limit.rlim_cur);
  return result;
}

}  // namespace host_exporter::platform
