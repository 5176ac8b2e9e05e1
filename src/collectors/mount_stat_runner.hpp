#pragma once
// Runs statvfs-like calls with a per-call timeout, so that one hung mount (an NFS
// or CIFS server gone away) cannot stall a scrape. As node_exporter does it
// ("stuck mounts"): a call that does not return within the timeout marks its
// mount point stuck; later scrapes skip a stuck mount point without calling
// again, until the hanging call returns and clears the mark.
//
// Calls run on worker threads that are kept and reused, so a healthy machine
// uses one thread for all scrapes. A worker whose call hangs stays with that
// call; a new worker is started only when no idle one is left, so the number of
// threads is bounded by the number of mounts hanging at once, plus one.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/linux/filesystem_usage.hpp"

namespace host_exporter::collectors {

// The value of --collector.filesystem.mount-timeout (a Go duration; empty means 5s);
// throws std::invalid_argument when it is not a positive duration.
std::chrono::nanoseconds parse_mount_timeout(const std::string& text);

// The flag's name and help, the same on every OS.
inline constexpr const char* kMountTimeoutFlag = "mount-timeout";
inline constexpr const char* kMountTimeoutHelp =
    "How long to wait for a mount to respond before marking it as stale (Go duration, e.g. 5s, 500ms).";

enum class MountStatStatus {
  kOk,        // `reading` holds the call's result (which may itself be an errno)
  kTimedOut,  // this call did not return in time; the mount point is now stuck
  kStuck,     // skipped: an earlier call on this mount point has not returned yet
};

struct MountStatOutcome {
  MountStatStatus status = MountStatStatus::kOk;
  platform::FilesystemUsageReading reading;
};

class MountStatRunner {
 public:
  using StatFunction = std::function<platform::FilesystemUsageReading(const std::string& path)>;

  MountStatRunner(StatFunction stat, std::chrono::nanoseconds timeout);
  ~MountStatRunner();  // joins idle workers; a worker still inside a hung call is detached
  MountStatRunner(const MountStatRunner&) = delete;
  MountStatRunner& operator=(const MountStatRunner&) = delete;

  // Stats `path` for `mountpoint` (the key of the stuck mark). Returns within
  // about the timeout whatever the call does. Thread-safe.
  MountStatOutcome stat(const std::string& mountpoint, const std::string& path);

  // Stats `path` on the calling thread, without a timeout: for filesystems whose
  // statfs cannot hang (is_local_filesystem), where a hand-off would cost more
  // than the call.
  MountStatOutcome stat_inline(const std::string& path) const;

  // One scrape of the collector that owns the runner, from construction to destruction:
  // it tells whether the scrape made any timed call (a network or FUSE mount).
  class Pass {
   public:
    explicit Pass(MountStatRunner& runner);
    ~Pass();
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    MountStatRunner& runner_;
    std::uint64_t timed_before_;
  };
  // True once a pass has ended that stat'ed every mount inline, until one ends that did not:
  // the next scrape is then expected to read nothing that can hang.
  bool last_pass_all_inline() const;

  bool is_stuck(const std::string& mountpoint) const;
  std::size_t thread_count() const;  // workers started so far (for tests)

 private:
  struct Worker;
  struct State;
  static void run_worker(std::shared_ptr<State> state, Worker* worker);

  std::shared_ptr<State> state_;
  std::atomic<std::uint64_t> timed_calls_{0};
  std::atomic<bool> last_pass_all_inline_{false};  // false until a pass has shown it
};

}  // namespace host_exporter::collectors
