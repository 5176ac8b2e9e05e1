#include "collectors/mount_stat_runner.hpp"

#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "collectors/kept_workers.hpp"
#include "log/log.hpp"
#include "text/duration.hpp"

namespace host_exporter::collectors {

std::chrono::nanoseconds parse_mount_timeout(const std::string& text) {
  const auto timeout = text::parse_duration(text.empty() ? "5s" : text);
  if (!timeout || timeout->count() <= 0) {
    throw std::invalid_argument("--collector.filesystem.mount-timeout: not a positive duration: \"" + text + "\"");
  }
  return *timeout;
}

struct MountStatRunner::Worker {
  std::thread thread;
  std::condition_variable wake;      // a request arrived, or the runner is stopping
  std::condition_variable finished;  // the call returned
  bool has_request = false;
  bool busy = false;       // a call is in flight (waited for, or abandoned by its caller)
  bool abandoned = false;  // its caller timed out: the mount point stays stuck until the call returns
  bool done = false;
  std::string mountpoint;
  std::string path;
  platform::FilesystemUsageReading result;
};

struct MountStatRunner::State {
  StatFunction stat;
  std::chrono::nanoseconds timeout{};
  mutable std::mutex mutex;
  bool stopping = false;
  std::vector<std::unique_ptr<Worker>> workers;  // never shrinks while the runner lives: pointers stay valid
  std::set<std::string, std::less<>> stuck;
};

MountStatRunner::MountStatRunner(StatFunction stat, std::chrono::nanoseconds timeout)
    : state_(std::make_shared<State>()) {
  state_->stat = std::move(stat);
  state_->timeout = timeout;
}

MountStatRunner::~MountStatRunner() {
  std::vector<std::thread> idle;
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    idle = release_workers(state_->workers);  // a worker inside a hung call is detached
  }
  for (auto& thread : idle) thread.join();
}

void MountStatRunner::run_worker(std::shared_ptr<State> state, Worker* worker) {
  std::unique_lock lock(state->mutex);
  for (;;) {
    worker->wake.wait(lock, [&] { return worker->has_request || state->stopping; });
    if (!worker->has_request) return;
    worker->has_request = false;
    const std::string path = worker->path;
    lock.unlock();
    platform::FilesystemUsageReading result = state->stat(path);
    lock.lock();
    worker->result = result;
    worker->done = true;
    if (worker->abandoned) {
      // Nobody waits for this result; the mount answers again, so scrapes may try it.
      state->stuck.erase(worker->mountpoint);
      log::info("mount point responds again, monitoring resumes", {{"mountpoint", worker->mountpoint}});
      worker->abandoned = false;
      worker->busy = false;
    }
    worker->finished.notify_all();
  }
}

MountStatRunner::Pass::Pass(MountStatRunner& runner)
    : runner_(runner), timed_before_(runner.timed_calls_.load(std::memory_order_acquire)) {}

MountStatRunner::Pass::~Pass() {
  // A concurrent scrape's timed call counts against this pass too: the answer errs towards "may hang".
  runner_.last_pass_all_inline_.store(runner_.timed_calls_.load(std::memory_order_acquire) == timed_before_,
                                      std::memory_order_release);
}

bool MountStatRunner::last_pass_all_inline() const { return last_pass_all_inline_.load(std::memory_order_acquire); }

MountStatOutcome MountStatRunner::stat(const std::string& mountpoint, const std::string& path) {
  timed_calls_.fetch_add(1, std::memory_order_acq_rel);
  MountStatOutcome outcome;
  std::unique_lock lock(state_->mutex);
  if (state_->stuck.count(mountpoint) != 0) {
    outcome.status = MountStatStatus::kStuck;
    return outcome;
  }
  Worker* worker = idle_or_new_worker(state_->workers, state_, run_worker);
  worker->busy = true;
  worker->done = false;
  worker->has_request = true;
  worker->mountpoint = mountpoint;
  worker->path = path;
  worker->wake.notify_one();
  if (worker->finished.wait_for(lock, state_->timeout, [&] { return worker->done; })) {
    worker->busy = false;
    outcome.reading = worker->result;
    return outcome;
  }
  worker->abandoned = true;
  state_->stuck.insert(mountpoint);
  log::warn("mount point did not answer statfs in time; skipping it until it does",
            {{"mountpoint", mountpoint}, {"path", path}});
  outcome.status = MountStatStatus::kTimedOut;
  return outcome;
}

MountStatOutcome MountStatRunner::stat_inline(const std::string& path) const {
  MountStatOutcome outcome;
  outcome.reading = state_->stat(path);
  return outcome;
}

bool MountStatRunner::is_stuck(const std::string& mountpoint) const {
  std::lock_guard lock(state_->mutex);
  return state_->stuck.count(mountpoint) != 0;
}

std::size_t MountStatRunner::thread_count() const {
  std::lock_guard lock(state_->mutex);
  return state_->workers.size();
}

}  // namespace host_exporter::collectors
