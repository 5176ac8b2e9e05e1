#pragma once
// The worker threads of one listener. httplib's own ThreadPool starts all its
// threads up front; this one starts a thread only when a connection arrives and
// every existing worker is busy, up to `max_threads`, so an idle exporter keeps a
// couple of threads while --web.max-requests can still be reached under load.
// Connections beyond max_threads wait in the queue until a worker is free.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace host_exporter::server {

class GrowingThreadPool final : public httplib::TaskQueue {
 public:
  explicit GrowingThreadPool(std::size_t max_threads);
  ~GrowingThreadPool() override;
  GrowingThreadPool(const GrowingThreadPool&) = delete;
  GrowingThreadPool& operator=(const GrowingThreadPool&) = delete;

  void enqueue(std::function<void()> fn) override;
  // Runs every job already queued, then joins the workers. Idempotent.
  void shutdown() override;

  std::size_t thread_count() const;
  std::size_t idle_threads() const;

 private:
  void work();

  const std::size_t max_threads_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool shutting_down_ = false;
};

}  // namespace host_exporter::server
