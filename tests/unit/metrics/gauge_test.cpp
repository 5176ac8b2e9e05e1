#include "host_exporter/gauge.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

namespace host_exporter {
namespace {

TEST(Gauge, SetIncDec) {
  Gauge gauge;
  EXPECT_EQ(gauge.value(), 0.0);
  gauge.set(5);
  gauge.inc();
  gauge.inc(2.5);
  gauge.dec();
  gauge.dec(10);
  EXPECT_EQ(gauge.value(), -2.5);
}

TEST(Gauge, IncAndDecFromManyThreadsBalanceExactly) {
  Gauge gauge;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50000; ++i) {
        if (t % 2 == 0) gauge.inc(2);
        else gauge.dec();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(gauge.value(), 2 * 50000 * 2.0 - 2 * 50000 * 1.0);
}

TEST(Gauge, SetToCurrentTimeIsUnixSeconds) {
  Gauge gauge;
  const auto before = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  gauge.set_to_current_time();
  const auto after = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GE(gauge.value(), before);
  EXPECT_LE(gauge.value(), after);
}

}  // namespace
}  // namespace host_exporter
