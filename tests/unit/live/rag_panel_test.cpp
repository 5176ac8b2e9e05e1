#include "live/rag_panel.hpp"

#include "live/json_text.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace host_exporter::live {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(BucketQuantile, InterpolatesWithinTheBucketAsPrometheus) {
  // 10 observations: 4 up to 0.1 s, 6 between 0.1 and 0.5 s.
  const Buckets buckets{{0.1, 4}, {0.5, 10}, {kInf, 10}};
  EXPECT_DOUBLE_EQ(bucket_quantile(0.5, buckets), 0.1 + 0.4 * (5.0 - 4.0) / 6.0);
  EXPECT_DOUBLE_EQ(bucket_quantile(0.2, buckets), 0.1 * 2.0 / 4.0);
  EXPECT_TRUE(std::isnan(bucket_quantile(0.5, Buckets{{0.1, 0}, {kInf, 0}})));
  EXPECT_DOUBLE_EQ(bucket_quantile(0.99, Buckets{{0.1, 1}, {kInf, 10}}), 0.1);  // in +Inf: the last finite bound
}

std::vector<MetricFamily> rag_families(double queries, double fast, double slow, double errors) {
  HistogramValue latency;
  latency.buckets = {{0.1, fast}, {1, fast + slow}, {kInf, fast + slow}};
  latency.count = fast + slow;
  return {
      {"rag_query_total", "", MetricType::kCounter, {{"job=\"app\"", queries, {}}}},
      {"rag_query_errors_total", "", MetricType::kCounter, {{"error_type=\"timeout\"", errors, {}}}},
      {"rag_query_duration_seconds", "", MetricType::kHistogram, {{"", latency, {}}}},
      {"rag_cache_hits_total", "", MetricType::kCounter, {{"", 3.0, {}}}},
      {"rag_cache_requests_total", "", MetricType::kCounter, {{"", 4.0, {}}}},
      {"rag_retrieval_score_avg", "", MetricType::kGauge, {{"", 0.75, {}}}},
  };
}

// The panel as the endpoint sends it: dumped (NaN becomes null), then parsed back.
nlohmann::json panel(RagPanel& rag, const std::vector<MetricFamily>& families, double now) {
  return nlohmann::json::parse(json_text(rag.panel(FamilyView(families), now)));
}

TEST(RagPanel, AbsentWithoutRagMetrics) {
  RagPanel rag;
  EXPECT_TRUE(panel(rag, {{"host_memory_used_bytes", "", MetricType::kGauge, {{"", 1.0, {}}}}}, 100).is_null());
}

TEST(RagPanel, RatesAndLatencyOverTheWindow) {
  RagPanel rag;
  const auto first = panel(rag, rag_families(10, 10, 0, 0), 100);
  EXPECT_TRUE(first["query_rate_per_second"].is_null());  // one reading: no rate yet
  EXPECT_EQ(first["latency_scope"], "since_start");
  EXPECT_DOUBLE_EQ(first["cache_hit_ratio"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(first["retrieval_score"].get<double>(), 0.75);

  // 10 s later: 20 more queries, all slow, 5 of them timeouts.
  const auto second = panel(rag, rag_families(30, 10, 20, 5), 110);
  EXPECT_DOUBLE_EQ(second["query_rate_per_second"].get<double>(), 2.0);
  EXPECT_EQ(second["latency_scope"], "window");
  EXPECT_GT(second["latency_p50_seconds"].get<double>(), 0.1);  // the window holds only the slow ones
  EXPECT_DOUBLE_EQ(second["error_ratio"].get<double>(), 0.25);
  EXPECT_EQ(second["errors"][0]["error_type"], "timeout");
  EXPECT_DOUBLE_EQ(second["errors"][0]["ratio"].get<double>(), 0.25);
}

TEST(RagPanel, ARestartedApplicationStartsTheWindowAgain) {
  RagPanel rag;
  panel(rag, rag_families(100, 100, 0, 0), 100);
  const auto after = panel(rag, rag_families(2, 2, 0, 0), 105);
  EXPECT_TRUE(after["query_rate_per_second"].is_null());  // never a negative rate
}

}  // namespace
}  // namespace host_exporter::live
