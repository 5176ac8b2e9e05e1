#include "host_exporter/counter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

namespace host_exporter {
namespace {

TEST(Counter, StartsAtZeroAndAddsIncrements) {
  Counter counter;
  EXPECT_EQ(counter.value(), 0.0);
  counter.inc();
  counter.inc(2.5);
  counter.inc(0.0);
  EXPECT_EQ(counter.value(), 3.5);
}

TEST(Counter, RefusesNegativeAndNaNIncrementsAndStaysUnchanged) {
  Counter counter;
  counter.inc(1);
  EXPECT_THROW(counter.inc(-1), std::invalid_argument);
  EXPECT_THROW(counter.inc(std::nan("")), std::invalid_argument);
  EXPECT_EQ(counter.value(), 1.0);
}

TEST(Counter, AcceptsPositiveInfinity) {
  Counter counter;
  counter.inc(std::numeric_limits<double>::infinity());
  EXPECT_EQ(counter.value(), std::numeric_limits<double>::infinity());
}

TEST(Counter, SumsExactlyAcrossThreads) {
  Counter counter;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 200000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) counter.inc();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), double{kThreads} * kPerThread);
}

TEST(Counter, ThreadsBeyondTheSlotsShareTheOverflowCellExactly) {
  Counter counter;
  constexpr int kThreads = static_cast<int>(detail::kThreadSlots) * 2 + 3;
  constexpr int kPerThread = 20000;
  // Every thread takes its slot (or the overflow cell) before any finishes, so more
  // threads than slots are alive at once.
  std::barrier all_started(kThreads + 1);
  std::barrier may_finish(kThreads + 1);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      counter.inc();
      all_started.arrive_and_wait();
      for (int i = 1; i < kPerThread; ++i) counter.inc();
      may_finish.arrive_and_wait();
    });
  }
  all_started.arrive_and_wait();
  EXPECT_EQ(detail::thread_slots_in_use(), detail::kThreadSlots);
  may_finish.arrive_and_wait();
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), double{kThreads} * kPerThread);
}

TEST(Counter, SlotsOfExitedThreadsAreReusedWithoutLosingCounts) {
  Counter counter;
  const unsigned baseline = detail::thread_slots_in_use();
  ASSERT_LE(baseline, 1u) << "only this thread may hold a slot: exited threads give theirs back";
  constexpr int kRounds = 12;
  constexpr int kThreadsPerRound = 6;  // fewer than the free slots: each takes its own
  constexpr int kPerThread = 10000;
  for (int round = 0; round < kRounds; ++round) {
    std::barrier all_counting(kThreadsPerRound + 1);
    std::barrier may_finish(kThreadsPerRound + 1);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreadsPerRound; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kPerThread; ++i) counter.inc();
        all_counting.arrive_and_wait();
        may_finish.arrive_and_wait();
      });
    }
    all_counting.arrive_and_wait();
    EXPECT_EQ(detail::thread_slots_in_use(), baseline + kThreadsPerRound) << "round " << round;
    may_finish.arrive_and_wait();
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(detail::thread_slots_in_use(), baseline) << "round " << round;
  }
  EXPECT_EQ(counter.value(), double{kRounds} * kThreadsPerRound * kPerThread);
}

// A thread_local built before the thread's first increment is destroyed after the
// slot has been given back; its increment must still count (in the overflow cell).
struct IncrementsOnThreadExit {
  Counter* counter = nullptr;
  ~IncrementsOnThreadExit() {
    if (counter != nullptr) counter->inc(10);
  }
};

TEST(Counter, IncrementsFromThreadExitDestructorsAreKept) {
  Counter counter;
  std::thread thread([&] {
    thread_local IncrementsOnThreadExit on_exit;
    on_exit.counter = &counter;
    counter.inc();
  });
  thread.join();
  EXPECT_EQ(counter.value(), 11.0);
}

TEST(Counter, ValueNeverGoesBackwardsWhileOthersIncrement) {
  Counter counter;
  std::atomic<bool> done{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 100000; ++i) counter.inc();
    });
  }
  std::thread reader([&] {
    double last = 0;
    int backwards = 0;
    while (!done.load()) {
      const double now = counter.value();
      if (now < last) ++backwards;
      last = now;
    }
    EXPECT_EQ(backwards, 0);
  });
  for (auto& writer : writers) writer.join();
  done = true;
  reader.join();
  EXPECT_EQ(counter.value(), 300000.0);
}

}  // namespace
}  // namespace host_exporter
