// Every process: sysctl KERN_PROC_ALL lists them (pid, parent, p_stat, start time, comm);
// proc_pidpath names them, proc_pidinfo(PROC_PIDTASKINFO) gives CPU times, resident size
// and threads, PROC_PIDTHREADINFO the threads' run states, and proc_pid_rusage the
// phys_footprint. Another user's process answers EPERM without root:
// it is still listed and counted, with no CPU or memory (what needs root degrades).
#include <libproc.h>
#include <mach/thread_info.h>
#include <mach/mach_time.h>
#include <sys/proc_info.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>

#include "platform/darwin/conversions/cpu_ticks.hpp"
#include "platform/darwin/conversions/mach_time.hpp"
#include "platform/darwin/conversions/process_name.hpp"
#include "platform/darwin/conversions/process_start.hpp"
#include "platform/darwin/conversions/process_state.hpp"
#include "platform/darwin/sysctl_value.hpp"
#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform::darwin {

namespace {

static_assert(SIDL == kProcIdle && SRUN == kProcRun && SSLEEP == kProcSleep && SSTOP == kProcStop &&
              SZOMB == kProcZombie);
static_assert(TH_STATE_RUNNING == kThreadRunning && TH_STATE_STOPPED == kThreadStopped &&
              TH_STATE_WAITING == kThreadWaiting && TH_STATE_UNINTERRUPTIBLE == kThreadUninterruptible &&
              TH_STATE_HALTED == kThreadHalted);

std::uint64_t timeval_ns(const timeval& value) { return process_start_ns(value.tv_sec, value.tv_usec); }

// The run states of a process's threads; nullopt when they cannot be read (EPERM for
// another user's process without root). `ids` is reused between processes.
std::optional<std::vector<ThreadRunState>> thread_run_states(int pid, std::int64_t thread_count,
                                                             std::vector<std::uint64_t>& ids) {
  ids.resize(static_cast<std::size_t>(std::max<std::int64_t>(thread_count, 1)) + 8);  // threads come and go
  const int bytes = ::proc_pidinfo(pid, PROC_PIDLISTTHREADS, 0, ids.data(),
                                   static_cast<int>(ids.size() * sizeof(std::uint64_t)));
  if (bytes <= 0) return std::nullopt;
  std::vector<ThreadRunState> states;
  for (std::size_t i = 0; i < static_cast<std::size_t>(bytes) / sizeof(std::uint64_t); ++i) {
    proc_threadinfo info{};
    if (::proc_pidinfo(pid, PROC_PIDTHREADINFO, ids[i], &info, sizeof info) != static_cast<int>(sizeof info)) {
      continue;  // the thread ended since the list
    }
    states.push_back({info.pth_run_state, info.pth_sleep_time});
  }
  return states;
}

std::string process_name(const kinfo_proc& proc) {
  char path[PROC_PIDPATHINFO_MAXSIZE];
  const int path_length = ::proc_pidpath(proc.kp_proc.p_pid, path, sizeof path);
  char name[2 * MAXCOMLEN + 1];
  const int name_length = path_length > 0 ? 0 : ::proc_name(proc.kp_proc.p_pid, name, sizeof name);
  return darwin_process_name(std::string_view(path, path_length > 0 ? static_cast<std::size_t>(path_length) : 0),
                             std::string_view(name, name_length > 0 ? static_cast<std::size_t>(name_length) : 0),
                             proc.kp_proc.p_comm);
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
  // The clock of the start times (conversions/process_start.hpp): the wall clock.
  timeval now{};
  ::gettimeofday(&now, nullptr);
  clocks.now_ns = timeval_ns(now);
  std::vector<CpuLoadTicks> cpus;
  if (read_cpu_ticks(cpus, error)) {
    clocks.cpu_total_ns = total_ticks(sum_ticks(cpus)) * (1'000'000'000ull / 100);  // CLK_TCK = 100
  }

  std::vector<proc_fdinfo> fds;
  std::vector<std::uint64_t> thread_ids;
  out.processes.clear();
  out.error.clear();
  out.fds_unreadable = 0;
  for (const auto& proc : procs) {
    ProcessReading reading;
    ProcessStat& stat = reading.stat;
    stat.pid = proc.kp_proc.p_pid;
    stat.ppid = proc.kp_eproc.e_ppid;
    stat.comm = process_name(proc);
    reading.uid = proc.kp_eproc.e_pcred.p_ruid;  // the real uid, as Linux's "Uid:" first field
    stat.starttime_ticks = timeval_ns(proc.kp_proc.p_starttime);
    proc_taskinfo task{};
    if (::proc_pidinfo(stat.pid, PROC_PIDTASKINFO, 0, &task, sizeof task) == static_cast<int>(sizeof task)) {
      stat.utime_ticks = mach_ticks_to_nanoseconds(task.pti_total_user, tb_frequency);
      stat.stime_ticks = mach_ticks_to_nanoseconds(task.pti_total_system, tb_frequency);
      stat.rss_pages = task.pti_resident_size;  // bytes: the tracker's page size is 1
      stat.threads = task.pti_threadnum;
    }
    stat.state = darwin_process_state(proc.kp_proc.p_stat, thread_run_states(stat.pid, stat.threads, thread_ids));
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
