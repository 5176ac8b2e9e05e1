#include "host_exporter/histogram.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

namespace host_exporter {
namespace {

using ::testing::HasSubstr;
using Buckets = std::vector<std::pair<double, double>>;
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Histogram, BucketsAreCumulativeAndUpperBoundsInclusive) {
  Histogram histogram({1, 2, 5});
  for (double v : {0.5, 1.0, 1.5, 3.0, 7.0, 100.0}) histogram.observe(v);
  const HistogramValue value = histogram.snapshot();
  EXPECT_EQ(value.buckets, (Buckets{{1, 2}, {2, 3}, {5, 4}, {kInf, 6}}));
  EXPECT_EQ(value.count, 6);
  EXPECT_EQ(value.sum, 113.0);
}

TEST(Histogram, EmptySnapshotHasEveryBucketAtZero) {
  Histogram histogram({0.1, 1});
  const HistogramValue value = histogram.snapshot();
  EXPECT_EQ(value.buckets, (Buckets{{0.1, 0}, {1, 0}, {kInf, 0}}));
  EXPECT_EQ(value.count, 0);
  EXPECT_EQ(value.sum, 0);
}

TEST(Histogram, NaNGoesToPlusInfOnlyAndMinusInfToTheFirstBucket) {
  Histogram histogram({1, 2});
  histogram.observe(std::nan(""));
  histogram.observe(-kInf);
  const HistogramValue value = histogram.snapshot();
  EXPECT_EQ(value.buckets, (Buckets{{1, 1}, {2, 1}, {kInf, 2}}));
  EXPECT_TRUE(std::isnan(value.sum));
}

TEST(Histogram, NoBoundsMeansOnlyThePlusInfBucket) {
  Histogram histogram(std::vector<double>{});
  histogram.observe(3);
  histogram.observe(4);
  const HistogramValue value = histogram.snapshot();
  EXPECT_EQ(value.buckets, (Buckets{{kInf, 2}}));
  EXPECT_EQ(value.count, 2);
  EXPECT_EQ(value.sum, 7);
}

TEST(Histogram, ManyBucketsSpanSeveralCacheLinesPerSlot) {
  const std::vector<double> bounds = linear_buckets(1, 1, 30);  // 32 words per slot: 4 lines
  Histogram histogram(bounds);
  for (int v = 1; v <= 31; ++v) histogram.observe(v);  // one per bucket, 31 in +Inf
  const HistogramValue value = histogram.snapshot();
  ASSERT_EQ(value.buckets.size(), 31u);
  for (std::size_t i = 0; i < value.buckets.size(); ++i) EXPECT_EQ(value.buckets[i].second, double(i + 1)) << i;
  EXPECT_EQ(value.sum, 31 * 32 / 2);
}

TEST(Histogram, BucketIndexAgreesWithLowerBound) {
  const std::vector<double> bounds = exponential_buckets(0.001, 2, 15);
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> exponent(-12, 7);
  for (int i = 0; i < 10000; ++i) {
    const double v = std::exp2(exponent(rng));
    const auto expected = std::lower_bound(bounds.begin(), bounds.end(), v) - bounds.begin();
    ASSERT_EQ(detail::bucket_index(bounds.data(), bounds.size(), v), static_cast<std::size_t>(expected)) << v;
  }
  for (double bound : bounds) {
    const auto expected = std::lower_bound(bounds.begin(), bounds.end(), bound) - bounds.begin();
    EXPECT_EQ(detail::bucket_index(bounds.data(), bounds.size(), bound), static_cast<std::size_t>(expected));
  }
}

TEST(Histogram, BucketIndexIsRightForEveryBoundCount) {
  for (int n = 0; n <= 20; ++n) {
    const std::vector<double> bounds = n == 0 ? std::vector<double>{} : linear_buckets(0, 1, n);
    for (double v = -1; v <= n + 0.5; v += 0.5) {
      const auto expected = std::lower_bound(bounds.begin(), bounds.end(), v) - bounds.begin();
      EXPECT_EQ(detail::bucket_index(bounds.data(), bounds.size(), v), static_cast<std::size_t>(expected))
          << n << " bounds, value " << v;
    }
    EXPECT_EQ(detail::bucket_index(bounds.data(), bounds.size(), std::nan("")), bounds.size()) << n;
  }
}

TEST(Histogram, ConcurrentObservationsCountExactly) {
  Histogram histogram({1, 2});
  constexpr int kThreads = static_cast<int>(detail::kThreadSlots) + 4;  // some share the overflow slot
  constexpr int kPerThread = 30000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) histogram.observe(i % 3 == 0 ? 0.5 : (i % 3 == 1 ? 1.5 : 4.0));
    });
  }
  for (auto& thread : threads) thread.join();
  const double per_bucket = double{kThreads} * kPerThread / 3;
  const HistogramValue value = histogram.snapshot();
  EXPECT_EQ(value.buckets, (Buckets{{1, per_bucket}, {2, 2 * per_bucket}, {kInf, 3 * per_bucket}}));
  EXPECT_EQ(value.count, 3 * per_bucket);
  EXPECT_EQ(value.sum, per_bucket * (0.5 + 1.5 + 4.0));
}

TEST(HistogramBounds, MustBeStrictlyAscending) {
  EXPECT_THAT([] { Histogram h({1, 3, 2}); }, ::testing::ThrowsMessage<std::invalid_argument>(
                                                   HasSubstr("strictly ascending: bound 2")));
  EXPECT_THROW(Histogram({1, 1}), std::invalid_argument);
}

TEST(HistogramBounds, MustBeFiniteWithPlusInfImplicit) {
  EXPECT_THAT([] { Histogram h({1, kInf}); },
              ::testing::ThrowsMessage<std::invalid_argument>(HasSubstr("+Inf bucket is implicit")));
  EXPECT_THROW(Histogram({std::nan(""), 1}), std::invalid_argument);
  EXPECT_THROW(Histogram({-kInf, 1}), std::invalid_argument);
  EXPECT_NO_THROW(Histogram({-5, 0, 5}));
}

TEST(HistogramBounds, Helpers) {
  EXPECT_EQ(default_buckets(), (std::vector<double>{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}));
  EXPECT_EQ(linear_buckets(-1, 0.5, 4), (std::vector<double>{-1, -0.5, 0, 0.5}));
  EXPECT_EQ(exponential_buckets(1, 10, 3), (std::vector<double>{1, 10, 100}));
  EXPECT_THROW(linear_buckets(0, 0, 3), std::invalid_argument);
  EXPECT_THROW(linear_buckets(0, 1, 0), std::invalid_argument);
  EXPECT_THROW(exponential_buckets(0, 2, 3), std::invalid_argument);
  EXPECT_THROW(exponential_buckets(1, 1, 3), std::invalid_argument);
  EXPECT_THROW(exponential_buckets(1, 10, 400), std::invalid_argument);  // overflows to +Inf
}

}  // namespace
}  // namespace host_exporter
