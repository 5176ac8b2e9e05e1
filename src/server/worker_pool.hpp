#pragma once
// A fixed set of threads that run the server's handlers (scrapes, pushes, bcrypt
// checks) off the event loop, so a slow handler holds no socket. The queue is
// bounded: when it is full, try_submit says no and the caller answers 503 at once.
// The worker that went idle last is woken first: one scraper keeps one thread (and
// its malloc arena and caches) busy instead of all of them in turn.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace host_exporter::server {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t max_queued);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool try_submit(std::function<void()> task);
  void stop();

  std::size_t idle_workers();  // waiting for a task (tests wait on it instead of on time)

 private:
  struct Worker {
    std::condition_variable wake;
    bool woken = false;
    std::thread thread;
  };

  void run(Worker& self);

  const std::size_t max_queued_;
  std::mutex mutex_;
  std::deque<std::function<void()>> queue_;
  std::vector<Worker*> idle_;  // the last to go idle at the back
  bool stopping_ = false;
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace host_exporter::server
