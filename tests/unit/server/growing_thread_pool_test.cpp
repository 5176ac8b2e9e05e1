#include "server/growing_thread_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace host_exporter::server {
namespace {

TEST(GrowingThreadPool, StartsNoThreadBeforeWork) {
  GrowingThreadPool pool(8);
  EXPECT_EQ(pool.thread_count(), 0u);
}

TEST(GrowingThreadPool, ReusesAnIdleWorker) {
  GrowingThreadPool pool(8);
  for (int i = 0; i < 5; ++i) {
    std::promise<void> done;
    pool.enqueue([&done] { done.set_value(); });
    done.get_future().wait();
    while (pool.idle_threads() != 1) std::this_thread::yield();  // back to waiting, as between connections
  }
  EXPECT_EQ(pool.thread_count(), 1u);
}

TEST(GrowingThreadPool, GrowsForBlockedJobsUpToItsMaximum) {
  GrowingThreadPool pool(3);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> started{0};
  for (int i = 0; i < 5; ++i) {
    pool.enqueue([&started, released] {
      ++started;
      released.wait();
    });
  }
  while (started.load() < 3) std::this_thread::yield();
  EXPECT_EQ(pool.thread_count(), 3u);
  EXPECT_EQ(started.load(), 3);  // two wait in the queue
  release.set_value();
  pool.shutdown();
  EXPECT_EQ(started.load(), 5);  // shutdown runs what was queued
}

TEST(GrowingThreadPool, ShutdownIsIdempotentAndRefusesNewWork) {
  GrowingThreadPool pool(2);
  std::atomic<int> ran{0};
  pool.enqueue([&ran] { ++ran; });
  pool.shutdown();
  pool.shutdown();
  pool.enqueue([&ran] { ++ran; });
  EXPECT_EQ(ran.load(), 1);
}

}  // namespace
}  // namespace host_exporter::server
