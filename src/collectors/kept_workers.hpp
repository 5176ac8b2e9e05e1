#pragma once
// The worker threads that MountStatRunner and DeadlineCall keep between calls: a
// call takes an idle worker or starts one, and the owner's destructor joins the
// idle ones and detaches those still inside a call (a hung statfs, a blocked
// read), which hold their own reference to the shared state and exit when the
// call returns. `Worker` has `std::thread thread`, `bool busy` and
// `std::condition_variable wake`; the caller holds the state's mutex.

#include <memory>
#include <thread>
#include <utility>
#include <vector>

namespace host_exporter::collectors {

// An idle worker, or a new one running `run(state, worker)`.
template <typename Worker, typename State, typename Run>
Worker* idle_or_new_worker(std::vector<std::unique_ptr<Worker>>& workers, const std::shared_ptr<State>& state,
                           Run run) {
  for (auto& candidate : workers) {
    if (!candidate->busy) return candidate.get();
  }
  workers.push_back(std::make_unique<Worker>());
  Worker* worker = workers.back().get();
  worker->thread = std::thread(run, state, worker);
  return worker;
}

// Wakes every worker (the caller has set the state's stopping flag) and returns the
// idle ones' threads to join once the mutex is released; busy ones are detached.
template <typename Worker>
std::vector<std::thread> release_workers(std::vector<std::unique_ptr<Worker>>& workers) {
  std::vector<std::thread> idle;
  for (auto& worker : workers) {
    if (worker->busy) {
      worker->thread.detach();
    } else {
      idle.push_back(std::move(worker->thread));
    }
    worker->wake.notify_one();
  }
  return idle;
}

}  // namespace host_exporter::collectors
