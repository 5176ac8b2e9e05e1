// host_exporter's own process on macOS: CPU time from getrusage, memory from
// proc_pidinfo(PROC_PIDTASKINFO), the start time from PROC_PIDTBSDINFO, open descriptors
// from PROC_PIDLISTFDS and the limit from getrlimit. No root needed: it is our process.
#include <libproc.h>
#include <sys/proc_info.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "platform/self_process.hpp"

namespace host_exporter::platform {

namespace {

double seconds(const timeval& value) {
  return static_cast<double>(value.tv_sec) + static_cast<double>(value.tv_usec) / 1e6;
}

std::optional<double> count_open_fds(pid_t pid) {
  // The first call gives room for the descriptor table with slack, the second the ones in use.
  const int room = ::proc_pidinfo(pid, PROC_PIDLISTFDS, 0, nullptr, 0);
  if (room <= 0) return std::nullopt;
  std::vector<proc_fdinfo> fds(static_cast<std::size_t>(room) / sizeof(proc_fdinfo) + 1);
  const int used = ::proc_pidinfo(pid, PROC_PIDLISTFDS, 0, fds.data(), static_cast<int>(fds.size() * sizeof(proc_fdinfo)));
  if (used < 0) return std::nullopt;
  return static_cast<double>(static_cast<std::size_t>(used) / sizeof(proc_fdinfo));
}

}  // namespace

std::optional<SelfProcessReading> read_self_process(std::string& error) {
  const pid_t pid = ::getpid();
  proc_taskinfo task{};
  if (::proc_pidinfo(pid, PROC_PIDTASKINFO, 0, &task, sizeof task) != static_cast<int>(sizeof task)) {
    error = std::string("proc_pidinfo PROC_PIDTASKINFO: ") + std::strerror(errno);
    return std::nullopt;
  }
  proc_bsdinfo bsd{};
  if (::proc_pidinfo(pid, PROC_PIDTBSDINFO, 0, &bsd, sizeof bsd) != static_cast<int>(sizeof bsd)) {
    error = std::string("proc_pidinfo PROC_PIDTBSDINFO: ") + std::strerror(errno);
    return std::nullopt;
  }
  rusage usage{};
  if (::getrusage(RUSAGE_SELF, &usage) != 0) {
    error = std::string("getrusage: ") + std::strerror(errno);
    return std::nullopt;
  }
  SelfProcessReading reading;
  // getrusage rather than pti_total_*: those are Mach ticks on Apple Silicon, not nanoseconds.
  reading.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  reading.resident_memory_bytes = static_cast<double>(task.pti_resident_size);
  reading.virtual_memory_bytes = static_cast<double>(task.pti_virtual_size);
  reading.start_time_seconds =
      static_cast<double>(bsd.pbi_start_tvsec) + static_cast<double>(bsd.pbi_start_tvusec) / 1e6;
  reading.open_fds = count_open_fds(pid);
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    reading.max_fds = static_cast<double>(limit.rlim_cur);
  }
  return reading;
}

}  // namespace host_exporter::platform
