#include <gtest/gtest.h>

#include <limits>

#include "exposition/format.hpp"
#include "encoder_families.hpp"

namespace host_exporter::exposition {
namespace {

using testing::rich_families;
using testing::scalar_series;

std::string encode_text(const std::vector<MetricFamily>& families) {
  return testing::encode_to_string(families, Format::kText004);
}

TEST(TextEncoder, WritesEveryTypeAsGolden) {
  const std::string expected =
      "# HELP hx_requests_total Requests served.\n"
      "# TYPE hx_requests_total counter\n"
      "hx_requests_total{method=\"GET\",code=\"200\"} 1027\n"
      "hx_requests_total{method=\"POST\",code=\"500\"} 3\n"
      "# HELP hx_temperature_celsius Temperature; HELP keeps \\\\ and\\nnewline and \"quotes\".\n"
      "# TYPE hx_temperature_celsius gauge\n"
      "hx_temperature_celsius{path=\"C:\\\\dir\\n\\\"x\\\"\",zone=\"a,b={c}\"} -3.5\n"
      "# TYPE hx_legacy_value untyped\n"
      "hx_legacy_value 42 1700000000123\n"
      "# HELP hx_request_duration_seconds Request latency.\n"
      "# TYPE hx_request_duration_seconds histogram\n"
      "hx_request_duration_seconds_bucket{handler=\"/api\",le=\"0.005\"} 1\n"
      "hx_request_duration_seconds_bucket{handler=\"/api\",le=\"0.1\"} 4\n"
      "hx_request_duration_seconds_bucket{handler=\"/api\",le=\"1\"} 7\n"
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
      "hx_rpc_duration_seconds_count{service=\"db\"} 1000\n";
  EXPECT_EQ(encode_text(rich_families()), expected);
}

TEST(TextEncoder, AppendsToWhatIsAlreadyInTheBuffer) {
  std::string out = "kept\n";
  encode({{"hx_up", "", MetricType::kGauge, {scalar_series("", 1)}}}, Format::kText004, out);
  EXPECT_EQ(out, "kept\n# TYPE hx_up gauge\nhx_up 1\n");
}

TEST(TextEncoder, WritesNothingForNoFamiliesOrOnlyEmptyOnes) {
  EXPECT_EQ(encode_text({}), "");
  EXPECT_EQ(encode_text({{"hx_empty", "help", MetricType::kCounter, {}}}), "");
}

TEST(TextEncoder, KeepsACounterNameWithoutTotalAsGiven) {
  EXPECT_EQ(encode_text({{"hx_events", "Events.", MetricType::kCounter, {scalar_series("", 2)}}}),
            "# HELP hx_events Events.\n# TYPE hx_events counter\nhx_events 2\n");
}

TEST(TextEncoder, WritesSpecialValuesAndNegativeTimestamps) {
  std::vector<Series> series{scalar_series(R"(v="nan")", std::numeric_limits<double>::quiet_NaN()),
                             scalar_series(R"(v="inf")", std::numeric_limits<double>::infinity()),
                             scalar_series(R"(v="-inf")", -std::numeric_limits<double>::infinity()),
                             scalar_series(R"(v="-0")", -0.0)};
  series[0].timestamp_ms = -1500;
  EXPECT_EQ(encode_text({{"hx_odd", "", MetricType::kGauge, series}}),
            "# TYPE hx_odd gauge\n"
            "hx_odd{v=\"nan\"} NaN -1500\n"
            "hx_odd{v=\"inf\"} +Inf\n"
            "hx_odd{v=\"-inf\"} -Inf\n"
            "hx_odd{v=\"-0\"} -0\n");
}

TEST(TextEncoder, TimestampsEveryLineOfAHistogram) {
  Series series;
  series.value = HistogramValue{{{1, 1}}, 0.5, 1};
  series.timestamp_ms = 42;
  EXPECT_EQ(encode_text({{"hx_h", "", MetricType::kHistogram, {series}}}),
            "# TYPE hx_h histogram\n"
            "hx_h_bucket{le=\"1\"} 1 42\n"
            "hx_h_bucket{le=\"+Inf\"} 1 42\n"
            "hx_h_sum 0.5 42\n"
            "hx_h_count 1 42\n");
}

TEST(TextEncoder, WritesThePlusInfBucketFromTheCount) {
  // The +Inf bucket must equal _count; a producer's disagreeing +Inf bucket loses.
  Series series;
  series.value = HistogramValue{{{1, 1}, {std::numeric_limits<double>::infinity(), 5}}, 2, 4};
  const std::string out = encode_text({{"hx_h", "", MetricType::kHistogram, {series}}});
  EXPECT_NE(out.find("hx_h_bucket{le=\"+Inf\"} 4\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("} 5"), std::string::npos) << out;
}

TEST(TextEncoder, WritesAHistogramWithNoFiniteBuckets) {
  Series series;
  series.value = HistogramValue{{}, 0, 0};
  EXPECT_EQ(encode_text({{"hx_h", "", MetricType::kHistogram, {series}}}),
            "# TYPE hx_h histogram\nhx_h_bucket{le=\"+Inf\"} 0\nhx_h_sum 0\nhx_h_count 0\n");
}

TEST(TextEncoder, RendersBucketBoundsLikeValues) {
  Series series;
  series.value = HistogramValue{{{1e-05, 0}, {0.1 + 0.2, 0}, {1e6, 1}, {2.5e21, 1}}, 1e6, 1};
  const std::string out = encode_text({{"hx_h", "", MetricType::kHistogram, {series}}});
  EXPECT_NE(out.find("le=\"1e-05\"} 0\n"), std::string::npos) << out;
  EXPECT_NE(out.find("le=\"0.30000000000000004\"} 0\n"), std::string::npos) << out;
  EXPECT_NE(out.find("le=\"1e+06\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("le=\"2.5e+21\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("hx_h_sum 1e+06\n"), std::string::npos) << out;
}

TEST(TextEncoder, EscapesOnlyBackslashAndNewlineInHelp) {
  EXPECT_EQ(encode_text({{"hx_g", "a\\b\nc\"d\"", MetricType::kGauge, {scalar_series("", 0)}}}),
            "# HELP hx_g a\\\\b\\nc\"d\"\n# TYPE hx_g gauge\nhx_g 0\n");
}

}  // namespace
}  // namespace host_exporter::exposition
