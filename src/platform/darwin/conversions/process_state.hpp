#pragma once
// A macOS process's state, as `ps` and psutil (since its issue 2675) derive it. XNU never
// sets p_stat to SSLEEP: a live process is SRUN whether its threads run or wait, so the
// state comes from the run states of its threads (proc_pidinfo PROC_PIDTHREADINFO), the
// most active one winning. p_stat still tells zombies and stopped processes.
//
// The letters are those of platform::process_state_name: R running, D disk-sleep
// (uninterruptible wait), S sleeping, I idle (every waiting thread asleep for more than
// 20 seconds, ps's rule), T stopped, Z zombie, and '?' unknown when the threads cannot
// be read (another user's process without root) or the process is being created.

#include <cstdint>
#include <optional>
#include <vector>

namespace host_exporter::platform::darwin {

// The values of <sys/proc.h> (p_stat) and <mach/thread_info.h> (TH_STATE_*); the adapter
// checks them against the SDK with static_assert.
inline constexpr int kProcIdle = 1;    // SIDL
inline constexpr int kProcRun = 2;     // SRUN
inline constexpr int kProcSleep = 3;   // SSLEEP (never set by XNU)
inline constexpr int kProcStop = 4;    // SSTOP
inline constexpr int kProcZombie = 5;  // SZOMB
inline constexpr int kThreadRunning = 1;          // TH_STATE_RUNNING
inline constexpr int kThreadStopped = 2;          // TH_STATE_STOPPED
inline constexpr int kThreadWaiting = 3;          // TH_STATE_WAITING
inline constexpr int kThreadUninterruptible = 4;  // TH_STATE_UNINTERRUPTIBLE
inline constexpr int kThreadHalted = 5;           // TH_STATE_HALTED

// ps prints 'I' for a process whose threads have all slept longer than this.
inline constexpr std::int32_t kIdleAfterSeconds = 20;

// One thread of proc_threadinfo.
struct ThreadRunState {
  std::int32_t run_state = 0;    // pth_run_state
  std::int32_t sleep_seconds = 0;  // pth_sleep_time
};

// `threads` is nullopt when they could not be read.
char darwin_process_state(int p_stat, const std::optional<std::vector<ThreadRunState>>& threads);

}  // namespace host_exporter::platform::darwin
