#include "platform/linux/open_file_limit.hpp"

#include <sys/resource.h>

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
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
      result.error = std::strerror(errno);
      limit.rlim_cur = before;
    }
  }
  result.soft = as_count(limit.rlim_cur);
  return result;
}

}  // namespace host_exporter::platform
