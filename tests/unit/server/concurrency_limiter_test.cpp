#include "server/concurrency_limiter.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace host_exporter::server {
namespace {

TEST(ConcurrencyLimiter, RefusesBeyondTheLimitUntilAPermitIsReleased) {
  ConcurrencyLimiter limiter(2);
  auto first = limiter.try_acquire();
  auto second = limiter.try_acquire();
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(limiter.in_flight(), 2u);
  EXPECT_FALSE(limiter.try_acquire().has_value());
  EXPECT_EQ(limiter.in_flight(), 2u);  // a refusal takes no slot

  first.reset();
  EXPECT_EQ(limiter.in_flight(), 1u);
  EXPECT_TRUE(limiter.try_acquire().has_value());
  EXPECT_EQ(limiter.in_flight(), 1u);  // that temporary permit was released at once
}

TEST(ConcurrencyLimiter, ZeroMeansNoLimit) {
  ConcurrencyLimiter limiter(0);
  std::vector<ConcurrencyLimiter::Permit> permits;
  for (int i = 0; i < 1000; ++i) {
    auto permit = limiter.try_acquire();
    ASSERT_TRUE(permit.has_value());
    permits.push_back(std::move(*permit));
  }
  EXPECT_EQ(limiter.in_flight(), 1000u);
  permits.clear();
  EXPECT_EQ(limiter.in_flight(), 0u);
}

TEST(ConcurrencyLimiter, AMovedPermitReleasesOnce) {
  ConcurrencyLimiter limiter(1);
  {
    auto permit = limiter.try_acquire();
    ASSERT_TRUE(permit.has_value());
    ConcurrencyLimiter::Permit moved(std::move(*permit));
    permit.reset();
    EXPECT_EQ(limiter.in_flight(), 1u);
  }
  EXPECT_EQ(limiter.in_flight(), 0u);
}

}  // namespace
}  // namespace host_exporter::server
