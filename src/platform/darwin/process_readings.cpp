// Every process: sysctl KERN_PROC_ALL lists them (pid, parent, state, start time, comm);
// proc_pidinfo(PROC_PIDTASKINFO) gives CPU times, resident size and threads, and
// proc_pid_rusage the phys_footprint. Another user's process answers EPERM without root:
// it is still listed and counted, with no CPU or memory (what needs root degrades).
#include <libproc.h>
#include <mach/mach_time.h>
#include <sys/proc_info.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/time.h>

#include <cerrno>
#include <cstring>

#include "platform/darwin/conversions/cpu_ticks.hpp"
#include "platform/darwin/conversions/mach_time.hpp"
#include "platform/darwin/sysctl_value.hpp"
#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform::darwin {

namespace {

char state_letter(int p_stat) {
  switch (p_stat) {
    case SRUN: return 'R';
    case SSLEEP: return 'S';
    case SSTOP: return 'T';
    case SZOMB: return 'Z';
    default: return '?';  // SIDL (being created)
  }
}

std::uint64_t timeval_ns(const timeval& value) {
  if (value.tv_sec < 0) return 0;
  return static_cast<std::uint64_t>(value.tv_sec) * 1'000'000'000ull +
         static_cast<std::uint64_t>(value.tv_usec) * 1'000ull;
}

}  // namespace

bool read_processes(ProcessTable& out, ProcessClocks& clocks, std::string& error) {
  int mib[] = {CTL_KERN, KERN_PROC, KERN_PROC_ALL, 0};
  std::vector<kinfo_proc> procs;
  std::size_t size = 0;
  bool listed = false;
  for (int attempt = 0; attempt < 4 && !listed; ++attempt) {
    if (::sysctl(mib, 4, nullptr, &size, nullptr, 0) != 0) break;
    procs.resize(size / sizeof(kinfo_proc) + 16);
    size = procs.size() * sizeof(kinfo_proc);
    if (::sysctl(mib, 4, procs.data(), &size, nullptr, 0) == 0) {
      procs.resize(size / sizeof(kinfo_proc));
      listed = true;
    } else if (errno != ENOMEM) {
      break;
    }
  }
  if (!listed) {
    error = std::string("sysctl KERN_PROC_ALL: ") + std::strerror(errno);
    out.error = error;
    return false;
  }
  std::uint64_t tb_frequency = 0;
  if (!sysctl_value("hw.tbfrequency", tb_frequency) || tb_frequency == 0) {
    error = "sysctl hw.tbfrequency failed";
    return false;
  }
  timeval boot{};
  if (!sysctl_value("kern.boottime", boot)) {
    error = "sysctl kern.boottime failed";
    return false;
  }
  timeval now{};
  ::gettimeofday(&now, nullptr);
  const std::uint64_t boot_ns = timeval_ns(boot);
  const std::uint64_t now_ns = timeval_ns(now);
  clocks.uptime_ns = now_ns > boot_ns ? now_ns - boot_ns : 0;
  std::vector<CpuLoadTicks> cpus;
  if (read_cpu_ticks(cpus, error)) {
    clocks.cpu_total_ns = total_ticks(sum_ticks(cpus)) * (1'000'000'000ull / 100);  // CLK_TCK = 100
  }

  std::vector<proc_fdinfo> fds;
  out.processes.clear();
  out.error.clear();
  out.fds_unreadable = 0;
  for (const auto& proc : procs) {
    ProcessReading reading;
    ProcessStat& stat = reading.stat;
    stat.pid = proc.kp_proc.p_pid;
    stat.ppid = proc.kp_eproc.e_ppid;
    stat.comm = proc.kp_proc.p_comm;
    stat.state = state_letter(proc.kp_proc.p_stat);
    reading.uid = proc.kp_eproc.e_pcred.p_ruid;  // the real uid, as Linux's "Uid:" first field
    const std::uint64_t start_ns = timeval_ns(proc.kp_proc.p_starttime);
    stat.starttime_ticks = start_ns > boot_ns ? start_ns - boot_ns : 0;
    proc_taskinfo task{};
    if (::proc_pidinfo(stat.pid, PROC_PIDTASKINFO, 0, &task, sizeof task) == static_cast<int>(sizeof task)) {
      stat.utime_ticks = mach_ticks_to_nanoseconds(task.pti_total_user, tb_frequency);
      stat.stime_ticks = mach_ticks_to_nanoseconds(task.pti_total_system, tb_frequency);
      stat.rss_pages = task.pti_resident_size;  // bytes: the tracker's page size is 1
      stat.threads = task.pti_threadnum;
    }
    rusage_info_v2 usage{};
    if (::proc_pid_rusage(stat.pid, RUSAGE_INFO_V2, reinterpret_cast<rusage_info_t*>(&usage)) == 0) {
      reading.footprint_bytes = usage.ri_phys_footprint;
    }
    // The first call gives room for the table with slack, the second the descriptors in use.
    const int room = ::proc_pidinfo(stat.pid, PROC_PIDLISTFDS, 0, nullptr, 0);
    int used = -1;
    if (room > 0) {
      fds.resize(static_cast<std::size_t>(room) / sizeof(proc_fdinfo) + 1);
      used = ::proc_pidinfo(stat.pid, PROC_PIDLISTFDS, 0, fds.data(), static_cast<int>(fds.size() * sizeof(proc_fdinfo)));
    }
    if (used >= 0) {
      reading.open_fds = static_cast<std::uint64_t>(used) / sizeof(proc_fdinfo);
    } else {
      ++out.fds_unreadable;
    }
    out.processes.push_back(std::move(reading));
  }
  return true;
}

}  // namespace host_exporter::platform::darwin
