// Decoding of Prometheus' HTTP API answers, on answers recorded from Prometheus 2.42
// (tests/fixtures/prometheus_api/, see tests/integration/test_verify.py for the setup)
// and on hand-made broken ones.
#include "cli/prometheus_api.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace host_exporter::cli {
namespace {

std::string recorded(const std::string& name) {
  const char* root = std::getenv("HX_FIXTURES");
  std::ifstream file(std::string(root ? root : "tests/fixtures") + "/prometheus_api/" + name);
  std::stringstream text;
  text << file.rdbuf();
  if (text.str().empty()) ADD_FAILURE() << "missing fixture " << name;
  return text.str();
}

TEST(PrometheusApiTest, DecodesTheTargetsOfTwoJobs) {
  const auto targets = decode_targets(recorded("targets.json"));
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].job, "host");
  EXPECT_EQ(targets[0].instance, "127.0.0.1:42259");
  EXPECT_EQ(targets[0].scrape_url, "http://127.0.0.1:42259/metrics");
  EXPECT_EQ(targets[0].health, "up");
  EXPECT_EQ(targets[0].last_error, "");
  EXPECT_DOUBLE_EQ(targets[0].scrape_interval_seconds, 1.0);
  EXPECT_EQ(targets[1].job, "node");
}

TEST(PrometheusApiTest, DecodesADownTargetWithItsError) {
  const auto targets = decode_targets(recorded("targets_down.json"));
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].health, "down");
  EXPECT_NE(targets[0].last_error.find("connection refused"), std::string::npos);
}

TEST(PrometheusApiTest, DecodesAnInstantVectorWithLabelsTimeAndValue) {
  const auto samples = decode_instant_vector(recorded("query_up.json"));
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[0].labels.at("__name__"), "up");
  EXPECT_EQ(samples[0].labels.at("job"), "host");
  EXPECT_EQ(samples[1].labels.at("instance"), "127.0.0.1:50689");
  EXPECT_DOUBLE_EQ(samples[0].time, 1795641619.659);
  EXPECT_DOUBLE_EQ(samples[0].value, 1);

  // timestamp(up): the value is the sample's time, the time is the evaluation's.
  const auto ages = decode_instant_vector(recorded("query_timestamp_up.json"));
  ASSERT_EQ(ages.size(), 2u);
  EXPECT_NEAR(ages[0].time - ages[0].value, 0.433, 1e-6);

  const auto uname = decode_instant_vector(recorded("query_uname.json"));
  ASSERT_EQ(uname.size(), 2u);
  EXPECT_EQ(uname[1].labels.at("release"), "6.10.14-linuxkit");
}

TEST(PrometheusApiTest, DecodesAScalarAsOneUnlabelledSample) {
  const auto samples = decode_instant_vector(recorded("query_scalar.json"));
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_TRUE(samples[0].labels.empty());
  EXPECT_DOUBLE_EQ(samples[0].value, 1.5);
}

TEST(PrometheusApiTest, DecodesARangeVectorOfRawSamples) {
  const auto series = decode_range_vector(recorded("query_windows.json"));
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].labels.at("__name__"), "host_cpu_window_end_timestamp_seconds");
  ASSERT_EQ(series[0].points.size(), 5u);
  EXPECT_DOUBLE_EQ(series[0].points[0].first, 1795641615.227);
  EXPECT_DOUBLE_EQ(series[0].points[0].second, 1795641614.5108242);
}

TEST(PrometheusApiTest, AnErrorAnswerCarriesPrometheusMessage) {
  try {
    decode_instant_vector(recorded("query_error.json"));
    FAIL() << "expected PrometheusError";
  } catch (const PrometheusError& e) {
    EXPECT_NE(std::string(e.what()).find("parse error: missing unit character in duration"), std::string::npos)
        << e.what();
  }
}

TEST(PrometheusApiTest, RefusesWhatIsNotAnApiAnswer) {
  EXPECT_THROW(decode_instant_vector("<html>Grafana</html>"), PrometheusError);
  EXPECT_THROW(decode_instant_vector(R"({"data":{}})"), PrometheusError);
  EXPECT_THROW(decode_targets(R"({"status":"success","data":{}})"), PrometheusError);
  // A matrix where a vector was expected, and a value that is not a number.
  EXPECT_THROW(decode_instant_vector(recorded("query_windows.json")), PrometheusError);
  EXPECT_THROW(decode_instant_vector(
                   R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"x"]}]}})"),
               PrometheusError);
}

TEST(PrometheusApiTest, SpecialValuesAreNumbers) {
  const auto samples = decode_instant_vector(
      R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]},)"
      R"({"metric":{},"value":[1,"+Inf"]}]}})");
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_TRUE(std::isnan(samples[0].value));
  EXPECT_TRUE(std::isinf(samples[1].value));
}

TEST(PrometheusApiTest, PushGroupMetricNamesLeaveOutTheBookkeeping) {
  const auto names = decode_push_group_metric_names(recorded("push_metrics.json"));
  EXPECT_EQ(names, (std::vector<std::string>{"rag_request_duration_seconds", "rag_requests_total"}));
}

TEST(PrometheusApiTest, PromqlStringsAreEscaped) {
  EXPECT_EQ(promql_string("host"), "\"host\"");
  EXPECT_EQ(promql_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
}

TEST(PrometheusApiTest, TheClientRefusesANonHttpUrl) {
  EXPECT_THROW(PrometheusClient("127.0.0.1:9090", std::chrono::seconds(1)), PrometheusError);
  EXPECT_THROW(PrometheusClient("ftp://127.0.0.1:9090", std::chrono::seconds(1)), PrometheusError);
  EXPECT_NO_THROW(PrometheusClient("http://127.0.0.1:9090/prefix/", std::chrono::seconds(1)));
}

}  // namespace
}  // namespace host_exporter::cli
