#include "server/worker_pool.hpp"

namespace host_exporter::server {

WorkerPool::WorkerPool(std::size_t threads, std::size_t max_queued) : max_queued_(max_queued) {
  workers_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) workers_.push_back(std::make_unique<Worker>());
  for (auto& worker : workers_) {
    Worker* self = worker.get();
    self->thread = std::thread([this, self] { run(*self); });
  }
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::try_submit(std::function<void()> task) {
  Worker* woken = nullptr;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(task));
    if (!idle_.empty()) {
      woken = idle_.back();
      idle_.pop_back();
      woken->woken = true;
    }
  }
  if (woken != nullptr) woken->wake.notify_one();
  return true;
}

std::size_t WorkerPool::idle_workers() {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    for (Worker* worker : idle_) worker->woken = true;
    idle_.clear();
  }
  for (auto& worker : workers_) worker->wake.notify_one();
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

void WorkerPool::run(Worker& self) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!queue_.empty()) {
      std::function<void()> task = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      task();
      lock.lock();
      continue;
    }
    if (stopping_) return;  // nothing left to run
    self.woken = false;
    idle_.push_back(&self);
    self.wake.wait(lock, [&] { return self.woken; });
  }
}

}  // namespace host_exporter::server
