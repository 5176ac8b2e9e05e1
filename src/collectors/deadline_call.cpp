#include "collectors/deadline_call.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

#include "collectors/kept_workers.hpp"

namespace host_exporter::collectors {

struct DeadlineCall::Worker {
  std::thread thread;
  std::condition_variable wake;  // a request arrived, or the owner is going
  bool has_request = false;
  bool busy = false;       // a call is in flight (waited for, or abandoned by its caller)
  bool abandoned = false;  // its caller stopped waiting: the result is dropped
  bool done = false;
  bool threw = false;
  std::vector<MetricFamily> families;
  std::string error;
};

struct DeadlineCall::State {
  std::shared_ptr<Collector> collector;
  std::function<bool()> hang_probe;
  std::chrono::nanoseconds inline_for{0};
  // Until when calls may run inline (steady clock, ns since its epoch); 0: not now.
  std::atomic<std::int64_t> inline_until{0};
  std::mutex mutex;
  std::condition_variable finished;  // some worker's call returned
  bool stopping = false;
  int late_calls = 0;
  std::vector<std::unique_ptr<Worker>> workers;  // never shrinks while the owner lives: pointers stay valid
};

DeadlineCall::DeadlineCall(std::shared_ptr<Collector> collector, std::function<bool()> hang_probe,
                           std::chrono::nanoseconds inline_for)
    : state_(std::make_shared<State>()) {
  state_->collector = std::move(collector);
  state_->hang_probe = std::move(hang_probe);
  state_->inline_for = inline_for;
}

DeadlineCall::~DeadlineCall() {
  std::vector<std::thread> idle;
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    idle = release_workers(state_->workers);
  }
  for (auto& thread : idle) thread.join();
}

void DeadlineCall::run_worker(std::shared_ptr<State> state, Worker* worker) {
  std::unique_lock lock(state->mutex);
  for (;;) {
    worker->wake.wait(lock, [&] { return worker->has_request || state->stopping; });
    if (!worker->has_request) return;
    worker->has_request = false;
    lock.unlock();
    if (state->hang_probe) {
      const auto now = std::chrono::steady_clock::now().time_since_epoch();
      state->inline_until = state->hang_probe()
                                ? std::chrono::duration_cast<std::chrono::nanoseconds>(now + state->inline_for).count()
                                : 0;
    }
    std::vector<MetricFamily> families;
    std::string error;
    bool threw = false;
    try {
      state->collector->collect(families);
    } catch (const std::exception& e) {
      threw = true;
      error = e.what();
    }
    lock.lock();
    worker->done = true;
    if (worker->abandoned) {  // nobody waits: free the worker and let scrapes call again
      worker->abandoned = false;
      worker->busy = false;
      --state->late_calls;
      continue;
    }
    worker->families = std::move(families);
    worker->error = std::move(error);
    worker->threw = threw;
    state->finished.notify_all();
  }
}

bool DeadlineCall::runs_inline_now() const {
  const auto now = std::chrono::steady_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(now).count() <
         state_->inline_until.load(std::memory_order_relaxed);
}

DeadlineOutcome DeadlineCall::collect(std::vector<MetricFamily>& out, std::chrono::steady_clock::time_point deadline,
                                      std::string& error) {
  const bool may_run_inline = runs_inline_now();
  std::unique_lock lock(state_->mutex);
  if (state_->late_calls > 0) return DeadlineOutcome::kStillRunning;
  if (may_run_inline) {
    lock.unlock();
    return collect_inline(out, deadline, error);
  }
  Worker* worker = idle_or_new_worker(state_->workers, state_, run_worker);
  worker->busy = true;
  worker->done = false;
  worker->has_request = true;
  worker->wake.notify_one();
  if (!state_->finished.wait_until(lock, deadline, [&] { return worker->done; })) {
    worker->abandoned = true;
    ++state_->late_calls;
    return DeadlineOutcome::kLate;
  }
  worker->busy = false;
  if (worker->threw) {
    error = std::move(worker->error);
    return DeadlineOutcome::kThrew;
  }
  for (auto& family : worker->families) out.push_back(std::move(family));
  worker->families.clear();
  return DeadlineOutcome::kDone;
}

DeadlineOutcome DeadlineCall::collect_inline(std::vector<MetricFamily>& out,
                                             std::chrono::steady_clock::time_point deadline, std::string& error) {
  const std::size_t mark = out.size();  // what a failed or late call added is taken back
  try {
    state_->collector->collect(out);
  } catch (const std::exception& e) {
    out.resize(mark);
    error = e.what();
    return DeadlineOutcome::kThrew;
  }
  if (std::chrono::steady_clock::now() > deadline) {
    out.resize(mark);
    return DeadlineOutcome::kLate;
  }
  return DeadlineOutcome::kDone;
}

}  // namespace host_exporter::collectors
