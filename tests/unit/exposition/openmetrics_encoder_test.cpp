#include <gtest/gtest.h>

#include <limits>

#include "encoder_families.hpp"
#include "exposition/format.hpp"

namespace host_exporter::exposition {
namespace {

using testing::rich_families;
using testing::scalar_series;

std::string encode_openmetrics(const std::vector<MetricFamily>& families) {
  return testing::encode_to_string(families, Format::kOpenMetrics100);
}

TEST(OpenMetricsEncoder, WritesEveryTypeAsGolden) {
  const std::string expected =
      "# HELP hx_requests Requests served.\n"
      "# TYPE hx_requests counter\n"
      "hx_requests_total{method=\"GET\",code=\"200\"} 1027\n"
      "hx_requests_created{method=\"GET\",code=\"200\"} 1700000000.5\n"
      "hx_requests_total{method=\"POST\",code=\"500\"} 3\n"
      "# HELP hx_temperature_celsius Temperature; HELP keeps \\\\ and\\nnewline and \\\"quotes\\\".\n"
      "# TYPE hx_temperature_celsius gauge\n"
      "hx_temperature_celsius{path=\"C:\\\\dir\\n\\\"x\\\"\",zone=\"a,b={c}\"} -3.5\n"
      "# TYPE hx_legacy_value unknown\n"
      "hx_legacy_value 42 1700000000.123\n"
      "# HELP hx_request_duration_seconds Request latency.\n"
      "# TYPE hx_request_duration_seconds histogram\n"
      "hx_request_duration_seconds_bucket{handler=\"/api\",le=\"0.005\"} 1\n"
      "hx_request_duration_seconds_bucket{handler=\"/api\",le=\"0.1\"} 4\n"
      "hx_request_duration_seconds_bucket{handler=\"/api\",le=\"1.0\"} 7\n"
      "hx_request_duration_seconds_bucket{handler=\"/api\",le=\"+Inf\"} 9\n"
      "hx_request_duration_seconds_sum{handler=\"/api\"} 3.25\n"
      "hx_request_duration_seconds_count{handler=\"/api\"} 9\n"
      "hx_request_duration_seconds_bucket{le=\"0.005\"} 0\n"
      "hx_request_duration_seconds_bucket{le=\"0.1\"} 2\n"
      "hx_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"
      "hx_request_duration_seconds_sum 0.15\n"
      "hx_request_duration_seconds_count 3\n"
      "# HELP hx_rpc_duration_seconds RPC latency.\n"
      "# TYPE hx_rpc_duration_seconds summary\n"
      "hx_rpc_duration_seconds{service=\"db\",quantile=\"0.5\"} 0.012\n"
      "hx_rpc_duration_seconds{service=\"db\",quantile=\"0.99\"} 0.5\n"
      "hx_rpc_duration_seconds_sum{service=\"db\"} 12.5\n"
      "hx_rpc_duration_seconds_count{service=\"db\"} 1000\n"
      "# EOF\n";
  EXPECT_EQ(encode_openmetrics(rich_families()), expected);
}

TEST(OpenMetricsEncoder, EndsWithEofEvenWhenEmpty) {
  EXPECT_EQ(encode_openmetrics({}), "# EOF\n");
  EXPECT_EQ(encode_openmetrics({{"hx_empty", "help", MetricType::kGauge, {}}}), "# EOF\n");
}

TEST(OpenMetricsEncoder, NamesCounterFamiliesWithoutTotalAndSamplesWithIt) {
  // With or without _total in our model, the family drops it and the sample has it once.
  const std::vector<MetricFamily> families{
      {"hx_a_total", "", MetricType::kCounter, {scalar_series("", 1)}},
      {"hx_b", "", MetricType::kCounter, {scalar_series("", 2)}},
  };
  EXPECT_EQ(encode_openmetrics(families),
            "# TYPE hx_a counter\nhx_a_total 1\n"
            "# TYPE hx_b counter\nhx_b_total 2\n"
            "# EOF\n");
}

TEST(OpenMetricsEncoder, WritesACountersCreatedTimeAfterItsSample) {
  MetricFamily counter{"hx_jobs_total", "", MetricType::kCounter, {scalar_series(R"(queue="a")", 5)}};
  counter.series[0].created = 1765000000.25;
  EXPECT_EQ(encode_openmetrics({counter}),
            "# TYPE hx_jobs counter\nhx_jobs_total{queue=\"a\"} 5\nhx_jobs_created{queue=\"a\"} 1765000000.25\n"
            "# EOF\n");
}

TEST(OpenMetricsEncoder, WritesCreatedOnlyForCounters) {
  MetricFamily gauge{"hx_level", "", MetricType::kGauge, {scalar_series("", 1)}};
  gauge.series[0].created = 1765000000;  // a gauge has no start: ignored
  EXPECT_EQ(encode_openmetrics({gauge}), "# TYPE hx_level gauge\nhx_level 1\n# EOF\n");
}

TEST(OpenMetricsEncoder, LeavesTotalOnOtherTypesAlone) {
  EXPECT_EQ(encode_openmetrics({{"hx_g_total", "", MetricType::kGauge, {scalar_series("", 1)}}}),
            "# TYPE hx_g_total gauge\nhx_g_total 1\n# EOF\n");
}

TEST(OpenMetricsEncoder, WritesTimestampsInSeconds) {
  std::vector<Series> series{scalar_series(R"(t="a")", 1), scalar_series(R"(t="b")", 2),
                             scalar_series(R"(t="c")", 3)};
  series[0].timestamp_ms = 1700000000000;
  series[1].timestamp_ms = 1500;
  series[2].timestamp_ms = -250;
  EXPECT_EQ(encode_openmetrics({{"hx_t", "", MetricType::kGauge, series}}),
            "# TYPE hx_t gauge\n"
            "hx_t{t=\"a\"} 1 1700000000\n"
            "hx_t{t=\"b\"} 2 1.5\n"
            "hx_t{t=\"c\"} 3 -0.25\n"
            "# EOF\n");
}

TEST(OpenMetricsEncoder, WritesQuantilesAndIntegralBoundsCanonically) {
  Series summary;
  summary.value = SummaryValue{{{0, 1}, {1, 9}}, 10, 2};
  Series histogram;
  histogram.value = HistogramValue{{{10, 1}}, 10, 1};
  const std::string out = encode_openmetrics({{"hx_s", "", MetricType::kSummary, {summary}},
                                              {"hx_h", "", MetricType::kHistogram, {histogram}}});
  EXPECT_NE(out.find("hx_s{quantile=\"0.0\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("hx_s{quantile=\"1.0\"} 9\n"), std::string::npos) << out;
  EXPECT_NE(out.find("hx_h_bucket{le=\"10.0\"} 1\n"), std::string::npos) << out;
}

TEST(OpenMetricsEncoder, WritesSpecialValues) {
  const std::vector<Series> series{scalar_series(R"(v="nan")", std::numeric_limits<double>::quiet_NaN()),
                                   scalar_series(R"(v="-inf")", -std::numeric_limits<double>::infinity())};
  EXPECT_EQ(encode_openmetrics({{"hx_odd", "", MetricType::kGauge, series}}),
            "# TYPE hx_odd gauge\nhx_odd{v=\"nan\"} NaN\nhx_odd{v=\"-inf\"} -Inf\n# EOF\n");
}

}  // namespace
}  // namespace host_exporter::exposition
