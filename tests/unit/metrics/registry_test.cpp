#include "host_exporter/registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace host_exporter {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using Error = std::invalid_argument;

TEST(Registry, SameDefinitionReturnsTheSameFamily) {
  Registry registry;
  auto& counter = registry.counter("requests_total", "Requests.", {"code"});
  EXPECT_EQ(&registry.counter("requests_total", "Requests.", {"code"}), &counter);
  auto& gauge = registry.gauge("queue_length", "Items.");
  EXPECT_EQ(&registry.gauge("queue_length", "Items."), &gauge);
  auto& histogram = registry.histogram("latency_seconds", "Latency.", {}, {0.1, 1});
  EXPECT_EQ(&registry.histogram("latency_seconds", "Latency.", {}, {0.1, 1}), &histogram);
  EXPECT_EQ(registry.size(), 3u);
}

TEST(Registry, ReRunningRegistrationKeepsTheCounts) {
  Registry registry;
  registry.counter("runs_total", "Script runs.").get().inc();
  registry.counter("runs_total", "Script runs.").get().inc();  // what a Streamlit re-run does
  EXPECT_EQ(registry.counter("runs_total", "Script runs.").get().value(), 2.0);
}

TEST(Registry, TheFirstHelpTextWins) {
  Registry registry;
  auto& first = registry.gauge("g", "First.");
  EXPECT_EQ(&registry.gauge("g", "Second."), &first);
  EXPECT_EQ(first.help(), "First.");
}

TEST(Registry, ADifferentTypeThrowsSayingWhichTypes) {
  Registry registry;
  registry.gauge("jobs_total", "Jobs.");
  EXPECT_THAT([&] { registry.counter("jobs_total", "Jobs."); },
              ThrowsMessage<Error>(HasSubstr("'jobs_total' is already registered as a gauge, not a counter")));
}

TEST(Registry, DifferentLabelNamesThrowListingBoth) {
  Registry registry;
  registry.counter("requests_total", "Requests.", {"method", "code"});
  EXPECT_THAT([&] { registry.counter("requests_total", "Requests.", {"code", "method"}); },
              ThrowsMessage<Error>(HasSubstr("label names (method, code), not (code, method)")));
  EXPECT_THROW(registry.counter("requests_total", "Requests."), Error);
}

TEST(Registry, DifferentBucketsThrowListingBoth) {
  Registry registry;
  registry.histogram("latency_seconds", "Latency.", {}, {0.1, 1});
  EXPECT_THAT([&] { registry.histogram("latency_seconds", "Latency.", {}, {0.25, 1}); },
              ThrowsMessage<Error>(HasSubstr("buckets (0.1, 1), not (0.25, 1)")));
  EXPECT_THROW(registry.histogram("latency_seconds", "Latency."), Error);  // default buckets differ too
}

TEST(Registry, CounterNamesMustEndInTotal) {
  Registry registry;
  EXPECT_THAT([&] { registry.counter("requests", "Requests."); },
              ThrowsMessage<Error>(HasSubstr("must end in _total (try 'requests_total')")));
  EXPECT_EQ(registry.size(), 0u);
}

TEST(Registry, NamesThatWouldExposeTheSameSeriesCollide) {
  Registry registry;
  registry.counter("jobs_total", "Jobs.");
  EXPECT_THAT([&] { registry.gauge("jobs", "Jobs."); },
              ThrowsMessage<Error>(HasSubstr("gauge 'jobs' collides with counter 'jobs_total'")));
  registry.histogram("latency_seconds", "Latency.");
  EXPECT_THAT([&] { registry.gauge("latency_seconds_count", "Count."); },
              ThrowsMessage<Error>(HasSubstr("both would expose 'latency_seconds_count'")));
  registry.gauge("depth", "Depth.");
  EXPECT_THROW(registry.counter("depth_total", "Depth."), Error);
  EXPECT_EQ(registry.size(), 3u);
}

TEST(Registry, InvalidDefinitionsLeaveNothingBehind) {
  Registry registry;
  EXPECT_THROW(registry.gauge("bad-name", ""), Error);
  EXPECT_THROW(registry.histogram("h", "", {}, {3, 2}), Error);
  EXPECT_EQ(registry.size(), 0u);
  EXPECT_NO_THROW(registry.histogram("h", "", {}, {2, 3}));
}

TEST(Registry, CollectsFamiliesInRegistrationOrderAndSeriesInCreationOrder) {
  Registry registry;
  auto& requests = registry.counter("requests_total", "Requests.", {"code"});
  auto& temperature = registry.gauge("temperature_celsius", "Temperature.");
  auto& latency = registry.histogram("latency_seconds", "Latency.", {"route"}, {0.5});
  auto& empty = registry.gauge("unused", "No series yet.", {"x"});
  (void)empty;
  requests.labels({"500"}).inc();
  requests.labels({"200"}).inc(3);
  temperature.get().set(20);
  latency.labels({"/"}).observe(0.25);
  latency.labels({"/"}).observe(2);

  std::vector<MetricFamily> out;
  out.emplace_back().name = "already_there";  // collect appends
  registry.collect(out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].name, "already_there");

  EXPECT_EQ(out[1].name, "requests_total");
  EXPECT_EQ(out[1].type, MetricType::kCounter);
  ASSERT_EQ(out[1].series.size(), 2u);
  EXPECT_EQ(out[1].series[0].labels, R"(code="500")");
  EXPECT_EQ(out[1].series[1].scalar(), 3.0);

  EXPECT_EQ(out[2].name, "temperature_celsius");
  EXPECT_EQ(out[2].type, MetricType::kGauge);
  ASSERT_EQ(out[2].series.size(), 1u);
  EXPECT_EQ(out[2].series[0].labels, "");
  EXPECT_EQ(out[2].series[0].scalar(), 20.0);

  EXPECT_EQ(out[3].name, "latency_seconds");
  EXPECT_EQ(out[3].type, MetricType::kHistogram);
  ASSERT_EQ(out[3].series.size(), 1u);
  const auto& value = std::get<HistogramValue>(out[3].series[0].value);
  EXPECT_EQ(value.buckets, (std::vector<std::pair<double, double>>{{0.5, 1}, {std::numeric_limits<double>::infinity(), 2}}));
  EXPECT_EQ(value.sum, 2.25);
  EXPECT_EQ(value.count, 2);

  EXPECT_EQ(out[4].name, "unused");
  EXPECT_TRUE(out[4].series.empty());
}

TEST(Registry, DefaultRegistryIsOneObject) {
  Registry& a = default_registry();
  Registry& b = default_registry();
  EXPECT_EQ(&a, &b);
  auto& family = a.counter("hx_test_default_total", "Test.");
  EXPECT_EQ(&b.counter("hx_test_default_total", "Test."), &family);
}

}  // namespace
}  // namespace host_exporter
