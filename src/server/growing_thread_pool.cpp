#include "server/growing_thread_pool.hpp"

#include <algorithm>

namespace host_exporter::server {

GrowingThreadPool::GrowingThreadPool(std::size_t max_threads) : max_threads_(std::max<std::size_t>(1, max_threads)) {}

GrowingThreadPool::~GrowingThreadPool() { shutdown(); }

void GrowingThreadPool::enqueue(std::function<void()> fn) {
  std::unique_lock lock(mutex_);
  if (shutting_down_) return;
  jobs_.push_back(std::move(fn));
  // Jobs already waiting count against the idle workers that will take them.
  if (idle_ < jobs_.size() && threads_.size() < max_threads_) {
    threads_.emplace_back([this] { work(); });
  }
  lock.unlock();
  ready_.notify_one();
}

void GrowingThreadPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
    threads.swap(threads_);
  }
  ready_.notify_all();
  for (auto& thread : threads) thread.join();
}

std::size_t GrowingThreadPool::thread_count() const {
  std::lock_guard lock(mutex_);
  return threads_.size();
}

std::size_t GrowingThreadPool::idle_threads() const {
  std::lock_guard lock(mutex_);
  return idle_;
}

void GrowingThreadPool::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ++idle_;
      ready_.wait(lock, [this] { return !jobs_.empty() || shutting_down_; });
      --idle_;
      if (jobs_.empty()) return;  // shutting down with nothing left to run
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace host_exporter::server
