#include "server/loop_waker.hpp"

#include <gtest/gtest.h>
#include <poll.h>

#include <atomic>

#include <thread>

namespace host_exporter::server {
namespace {

bool readable(const LoopWaker& waker, int timeout_ms = 0) {
  pollfd watched{waker.read_fd(), POLLIN, 0};
  return ::poll(&watched, 1, timeout_ms) == 1;
}

TEST(LoopWaker, ANoticeMakesTheLoopReadable) {
  LoopWaker waker;
  EXPECT_FALSE(readable(waker));
  waker.notify();
  EXPECT_TRUE(readable(waker));
  waker.drain();
  EXPECT_FALSE(readable(waker));
}

TEST(LoopWaker, EveryNoticeAfterADrainWakesAgain) {
  LoopWaker waker;
  for (int round = 0; round < 1000; ++round) {
    waker.notify();
    waker.notify();  // a burst costs one byte
    ASSERT_TRUE(readable(waker)) << round;
    waker.drain();
    ASSERT_FALSE(readable(waker)) << round;
  }
}

TEST(LoopWaker, NoNoticeIsLostWhileTheLoopDrains) {
  // A notice that lands while the loop drains must leave the pipe readable or be seen by the
  // drain's caller; it must never leave the flag set with the pipe empty (the loop would sleep for good).
  LoopWaker waker;
  std::atomic<bool> stop{false};
  std::atomic<long> sent{0};
  std::thread notifier([&] {
    while (!stop.load()) {
      waker.notify();
      ++sent;
    }
  });
  for (int i = 0; i < 20000; ++i) {
    if (!readable(waker, 100)) break;  // stuck: no byte although the notifier keeps notifying
    waker.drain();
  }
  stop = true;
  notifier.join();
  waker.notify();  // after the last drain: must wake
  EXPECT_TRUE(readable(waker, 1000));
}

}  // namespace
}  // namespace host_exporter::server
