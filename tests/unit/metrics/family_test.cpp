#include "host_exporter/family.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace host_exporter {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

std::vector<std::string> labels_of(const MetricFamily& family) {
  std::vector<std::string> out;
  for (const Series& series : family.series) out.push_back(series.labels);
  return out;
}

TEST(Family, LabelsReturnsTheSameChildForTheSameValues) {
  Family<Counter> family("requests_total", "Requests.", {"method", "code"});
  Counter& a = family.labels({"GET", "200"});
  Counter& b = family.labels({"GET", "200"});
  Counter& c = family.labels({"GET", "500"});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &c);
  EXPECT_EQ(family.size(), 2u);
}

TEST(Family, EveryOverloadFindsTheSameChild) {
  Family<Gauge> family("queue_length", "Items.", {"queue"});
  Gauge& braced = family.labels({"io"});
  const std::vector<std::string> strings{"io"};
  const std::vector<std::string_view> views{"io"};
  EXPECT_EQ(&family.labels(strings), &braced);
  EXPECT_EQ(&family.labels(views), &braced);
}

TEST(Family, ValuesAreKeyedUnambiguously) {
  Family<Counter> family("pairs_total", "Pairs.", {"a", "b"});
  EXPECT_NE(&family.labels({"x,y", "z"}), &family.labels({"x", "y,z"}));
  EXPECT_NE(&family.labels({"", "xy"}), &family.labels({"xy", ""}));
  const std::string with_nul("x\0y", 3);
  EXPECT_NE(&family.labels({with_nul, ""}), &family.labels({"x", ""}));
  EXPECT_EQ(family.size(), 6u);
}

TEST(Family, WrongNumberOfValuesThrowsNamingTheLabels) {
  Family<Counter> family("requests_total", "Requests.", {"method", "code"});
  EXPECT_THAT([&] { family.labels({"GET"}); },
              ThrowsMessage<std::invalid_argument>(HasSubstr("has 2 label names (method, code), got 1 values")));
  EXPECT_THROW(family.labels({"GET", "200", "x"}), std::invalid_argument);
  EXPECT_EQ(family.size(), 0u);
}

TEST(Family, RendersEscapedLabelTextOnceAtCreation) {
  Family<Counter> family("paths_total", "Paths.", {"path", "quote", "text"});
  family.labels({"C:\\tmp", "say \"hi\"", "two\nlines"}).inc();
  std::vector<MetricFamily> out;
  family.collect(out);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].series.size(), 1u);
  EXPECT_EQ(out[0].series[0].labels, R"(path="C:\\tmp",quote="say \"hi\"",text="two\nlines")");
  EXPECT_EQ(out[0].series[0].scalar(), 1.0);
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TEST(Family, ACounterChildCarriesTheTimeItWasCreated) {
  const double before = now_seconds();
  Family<Counter> family("jobs_total", "Jobs.", {"queue"});
  family.labels({"a"}).inc();
  const double between = now_seconds();
  std::vector<MetricFamily> out;
  family.collect(out);
  family.labels({"b"});
  const double after = now_seconds();
  family.collect(out);

  ASSERT_EQ(out.size(), 2u);
  ASSERT_TRUE(out[0].series.at(0).created.has_value());
  EXPECT_GE(*out[0].series[0].created, before);
  EXPECT_LE(*out[0].series[0].created, between);
  // The same child keeps its time; a later child has its own.
  EXPECT_EQ(out[1].series.at(0).created, out[0].series[0].created);
  ASSERT_TRUE(out[1].series.at(1).created.has_value());
  EXPECT_GE(*out[1].series[1].created, between);
  EXPECT_LE(*out[1].series[1].created, after);
}

TEST(Family, AnUnlabelledCounterIsCreatedWithItsFamily) {
  const double before = now_seconds();
  Family<Counter> family("runs_total", "Runs.", {});
  const double after = now_seconds();
  std::vector<MetricFamily> out;
  family.collect(out);
  ASSERT_TRUE(out.at(0).series.at(0).created.has_value());
  EXPECT_GE(*out[0].series[0].created, before);
  EXPECT_LE(*out[0].series[0].created, after);
}

TEST(Family, GaugesAndHistogramsCarryNoCreatedTime) {
  Family<Gauge> gauge("depth", "Depth.", {});
  Family<Histogram> histogram("latency_seconds", "Latency.", {}, Histogram::Config{{0.1, 1}});
  std::vector<MetricFamily> out;
  gauge.collect(out);
  histogram.collect(out);
  EXPECT_FALSE(out.at(0).series.at(0).created.has_value());
  EXPECT_FALSE(out.at(1).series.at(0).created.has_value());
}

TEST(Family, WithoutLabelNamesHasOneChildFromTheStart) {
  Family<Gauge> family("temperature_celsius", "Temperature.", {});
  std::vector<MetricFamily> out;
  family.collect(out);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].series.size(), 1u);
  EXPECT_EQ(out[0].series[0].labels, "");
  family.get().set(21.5);
  EXPECT_EQ(&family.labels({}), &family.get());
  EXPECT_EQ(family.get().value(), 21.5);
}

TEST(Family, GetOnALabelledFamilyThrows) {
  Family<Gauge> family("queue_length", "Items.", {"queue"});
  EXPECT_THAT([&] { family.get(); }, ThrowsMessage<std::invalid_argument>(HasSubstr("use labels(")));
}

TEST(Family, CollectsSeriesInCreationOrderWithTypeAndHelp) {
  Family<Counter> family("requests_total", "Requests served.", {"code"});
  family.labels({"500"}).inc(2);
  family.labels({"200"}).inc(5);
  family.labels({"404"});
  std::vector<MetricFamily> out;
  family.collect(out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].name, "requests_total");
  EXPECT_EQ(out[0].help, "Requests served.");
  EXPECT_EQ(out[0].type, MetricType::kCounter);
  EXPECT_EQ(labels_of(out[0]), (std::vector<std::string>{R"(code="500")", R"(code="200")", R"(code="404")"}));
  EXPECT_EQ(out[0].series[0].scalar(), 2.0);
  EXPECT_EQ(out[0].series[1].scalar(), 5.0);
  EXPECT_EQ(out[0].series[2].scalar(), 0.0);
}

TEST(Family, HistogramChildrenShareTheFamilyBuckets) {
  Family<Histogram> family("latency_seconds", "Latency.", {"route"}, Histogram::Config{{0.1, 1}});
  family.labels({"/a"}).observe(0.05);
  family.labels({"/b"}).observe(3);
  std::vector<MetricFamily> out;
  family.collect(out);
  ASSERT_EQ(out[0].series.size(), 2u);
  EXPECT_EQ(out[0].type, MetricType::kHistogram);
  const auto& a = std::get<HistogramValue>(out[0].series[0].value);
  const auto& b = std::get<HistogramValue>(out[0].series[1].value);
  EXPECT_EQ(a.buckets.size(), 3u);
  EXPECT_EQ(a.buckets[0].second, 1.0);
  EXPECT_EQ(b.buckets[0].second, 0.0);
  EXPECT_EQ(b.buckets[2].second, 1.0);
}

TEST(Family, RefusesInvalidNames) {
  using Error = std::invalid_argument;
  EXPECT_THAT([] { Family<Gauge> f("0bad", "", {}); }, ThrowsMessage<Error>(HasSubstr("invalid metric name '0bad'")));
  EXPECT_THAT([] { Family<Gauge> f("ok", "", {"__reserved"}); },
              ThrowsMessage<Error>(HasSubstr("invalid label name '__reserved'")));
  EXPECT_THROW(Family<Gauge>("ok", "", {"a-b"}), Error);
  EXPECT_THAT([] { Family<Gauge> f("ok", "", {"a", "a"}); }, ThrowsMessage<Error>(HasSubstr("'a' appears twice")));
  EXPECT_THAT([] { Family<Histogram> f("h", "", {"le"}); }, ThrowsMessage<Error>(HasSubstr("'le' is reserved")));
  EXPECT_NO_THROW(Family<Gauge>("ok", "", {"le"}));
}

TEST(Family, CounterNamesEndInTotal) {
  EXPECT_THAT([] { Family<Counter> f("requests", "", {}); },
              ThrowsMessage<std::invalid_argument>(HasSubstr("try 'requests_total'")));
  EXPECT_THROW(Family<Counter>("_total", "", {}), std::invalid_argument);
}

TEST(Family, HistogramBoundsAreCheckedEvenBeforeTheFirstChild) {
  EXPECT_THROW(Family<Histogram>("h", "", {"route"}, Histogram::Config{{2, 1}}), std::invalid_argument);
}

TEST(Family, ConcurrentLookupsCreateEachChildOnce) {
  Family<Counter> family("hits_total", "Hits.", {"key"});
  constexpr int kThreads = 4;
  constexpr int kKeys = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int k = 0; k < kKeys; ++k) family.labels({std::to_string(k)}).inc();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(family.size(), std::size_t{kKeys});
  std::vector<MetricFamily> out;
  family.collect(out);
  std::set<std::string> distinct;
  for (const Series& series : out[0].series) {
    distinct.insert(series.labels);
    EXPECT_EQ(series.scalar(), double{kThreads}) << series.labels;
  }
  EXPECT_EQ(distinct.size(), std::size_t{kKeys});
}

}  // namespace
}  // namespace host_exporter
