#include "host_exporter/timer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace host_exporter {
namespace {

struct Targets {
  Histogram duration{std::vector<double>{0.001, 1.0}};
  Counter total, succeeded, failed;
  TimerTargets all() { return {&duration, &total, &succeeded, &failed}; }
};

TEST(ScopeTimer, NormalExitCountsSuccessAndObservesTheDuration) {
  Targets t;
  { ScopeTimer timer(t.all()); }
  EXPECT_EQ(t.total.value(), 1);
  EXPECT_EQ(t.succeeded.value(), 1);
  EXPECT_EQ(t.failed.value(), 0);
  const HistogramValue snapshot = t.duration.snapshot();
  EXPECT_EQ(snapshot.count, 1);
  EXPECT_GE(snapshot.sum, 0.0);
}

TEST(ScopeTimer, ExitByExceptionCountsTheScopeAndNoSuccess) {
  Targets t;
  EXPECT_THROW(
      {
        ScopeTimer timer(t.all());
        throw std::runtime_error("model timed out");
      },
      std::runtime_error);
  EXPECT_EQ(t.total.value(), 1);
  EXPECT_EQ(t.succeeded.value(), 0);
  EXPECT_EQ(t.failed.value(), 1);
  EXPECT_EQ(t.duration.snapshot().count, 1);
}

// A scope that starts and ends normally inside a destructor run by unwinding is a
// success: the exception in flight was there before the timer.
struct TimesItsCleanup {
  Targets* t;
  ~TimesItsCleanup() { ScopeTimer timer(t->all()); }
};

TEST(ScopeTimer, ScopeInsideUnwindingThatEndsNormallyIsASuccess) {
  Targets t;
  try {
    TimesItsCleanup cleanup{&t};
    throw std::runtime_error("outer failure");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(t.succeeded.value(), 1);
  EXPECT_EQ(t.failed.value(), 0);
}

TEST(ScopeTimer, DismissedScopeRecordsNothing) {
  Targets t;
  {
    ScopeTimer timer(t.all());
    timer.dismiss();
  }
  EXPECT_EQ(t.total.value(), 0);
  EXPECT_EQ(t.duration.snapshot().count, 0);
}

TEST(ScopeTimer, HistogramOnlyTimerObserves) {
  Histogram duration;
  { ScopeTimer timer(duration); }
  EXPECT_EQ(duration.snapshot().count, 1);
}

TEST(RecordTimedScope, PutsTheSecondsInTheirBucketAndCountsTheOutcome) {
  Targets t;
  record_timed_scope(t.all(), 0.5, /*failed=*/true);
  record_timed_scope(t.all(), 0.0005, /*failed=*/false);
  const HistogramValue snapshot = t.duration.snapshot();
  ASSERT_EQ(snapshot.buckets.size(), 3u);
  EXPECT_EQ(snapshot.buckets[0].second, 1);  // <= 0.001
  EXPECT_EQ(snapshot.buckets[1].second, 2);  // <= 1
  EXPECT_DOUBLE_EQ(snapshot.sum, 0.5005);
  EXPECT_EQ(t.total.value(), 2);
  EXPECT_EQ(t.failed.value(), 1);
  EXPECT_EQ(t.succeeded.value(), 1);
}

TEST(RecordTimedScope, NullTargetsAreSkipped) {
  Counter total;
  record_timed_scope(TimerTargets{.total = &total}, 1.0, false);
  EXPECT_EQ(total.value(), 1);
}

}  // namespace
}  // namespace host_exporter
