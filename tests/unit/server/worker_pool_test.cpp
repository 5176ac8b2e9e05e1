#include "server/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

namespace host_exporter::server {
namespace {

TEST(WorkerPool, RunsEveryTaskOffTheCallersThread) {
  std::atomic<int> ran{0};
  std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> elsewhere{true};
  {
    WorkerPool pool(2, 100);
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(pool.try_submit([&] {
        if (std::this_thread::get_id() == caller) elsewhere = false;
        ++ran;
      }));
    }
  }  // the destructor runs what is queued
  EXPECT_EQ(ran.load(), 50);
  EXPECT_TRUE(elsewhere.load());
}

TEST(WorkerPool, RefusesBeyondTheQueueWhileEveryWorkerIsBusy) {
  std::mutex mutex;
  std::condition_variable released;
  bool release = false;
  std::atomic<int> started{0};
  WorkerPool pool(1, 2);
  ASSERT_TRUE(pool.try_submit([&] {
    ++started;
    std::unique_lock lock(mutex);
    released.wait(lock, [&] { return release; });
  }));
  while (started.load() == 0) std::this_thread::yield();
  EXPECT_TRUE(pool.try_submit([] {}));
  EXPECT_TRUE(pool.try_submit([] {}));
  EXPECT_FALSE(pool.try_submit([] {})) << "a third task queued behind a busy worker";
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  released.notify_all();
  pool.stop();
  EXPECT_FALSE(pool.try_submit([] {})) << "a stopped pool takes nothing";
}

TEST(WorkerPool, OneCallerAtATimeKeepsToOneWorker) {
  std::set<std::thread::id> used;
  WorkerPool pool(4, 10);
  while (pool.idle_workers() < 4) std::this_thread::yield();  // every worker started and idle
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(pool.try_submit([&] { used.insert(std::this_thread::get_id()); }));
    while (pool.idle_workers() < 4) std::this_thread::yield();  // the worker went idle again
  }
  EXPECT_EQ(used.size(), 1u);
}

}  // namespace
}  // namespace host_exporter::server
