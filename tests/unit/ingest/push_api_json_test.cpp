#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ingest/push_api_json.hpp"
#include "ingest/push_store.hpp"
#include "push_store_fixture.hpp"

namespace host_exporter::ingest {
namespace {

using testing::job_key;
using testing::ManualClock;

TEST(GoFloatText, MatchesGoFormatting) {
  EXPECT_EQ(go_float_text(0.2721322309989773), "0.2721322309989773");
  EXPECT_EQ(go_float_text(1.5838723477166057e+09), "1.5838723477166057e+09");
  EXPECT_EQ(go_float_text(1e6), "1e+06");
  EXPECT_EQ(go_float_text(123456), "123456");
  EXPECT_EQ(go_float_text(0.0001), "0.0001");
  EXPECT_EQ(go_float_text(0.00001), "1e-05");
  EXPECT_EQ(go_float_text(0), "0");
  EXPECT_EQ(go_float_text(-2.5), "-2.5");
  EXPECT_EQ(go_float_text(1.0 / 0.0), "+Inf");
  // Around the notation thresholds, with the shortest digits (not the C library's %g).
  EXPECT_EQ(go_float_text(999999), "999999");
  EXPECT_EQ(go_float_text(123456.5), "123456.5");
  EXPECT_EQ(go_float_text(1234567), "1.234567e+06");
  EXPECT_EQ(go_float_text(-0.00012345), "-0.00012345");
  EXPECT_EQ(go_float_text(1e-300), "1e-300");
  EXPECT_EQ(go_float_text(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(go_float_text(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(go_float_text(100), "100");
}

TEST(Rfc3339Nano, TrimsTrailingZeros) {
  EXPECT_EQ(rfc3339_nano(TimePoint(std::chrono::seconds(1'700'000'000))), "2023-11-14T22:13:20Z");
  EXPECT_EQ(rfc3339_nano(TimePoint(std::chrono::seconds(1'700'000'000)) + std::chrono::milliseconds(250)),
            "2023-11-14T22:13:20.25Z");
}

TEST(PushApiJson, HasPushgatewayShape) {
  ManualClock clock;
  PushStoreOptions options;
  options.clock = clock.function();
  PushStore store(options);
  store.push(job_key("batch", {{"zone", "eu"}}),
             "# HELP my_job_duration_seconds Duration.\n# TYPE my_job_duration_seconds gauge\n"
             "my_job_duration_seconds 0.25\n"
             "# TYPE lat histogram\nlat_bucket{le=\"1\"} 1\nlat_bucket{le=\"+Inf\"} 2\nlat_sum 3\nlat_count 2\n",
             PushMethod::kPut);
  const auto root = nlohmann::json::parse(store.api_metrics_json());
  EXPECT_EQ(root["status"], "success");
  ASSERT_EQ(root["data"].size(), 1u);
  const auto& group = root["data"][0];
  EXPECT_EQ(group["labels"], (nlohmann::json{{"job", "batch"}, {"zone", "eu"}}));
  EXPECT_EQ(group["last_push_successful"], true);
  const auto& duration = group["my_job_duration_seconds"];
  EXPECT_EQ(duration["type"], "GAUGE");
  EXPECT_EQ(duration["help"], "Duration.");
  EXPECT_EQ(duration["time_stamp"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(duration["metrics"][0]["value"], "0.25");
  EXPECT_EQ(duration["metrics"][0]["labels"], (nlohmann::json{{"instance", ""}, {"job", "batch"}, {"zone", "eu"}}));
  const auto& histogram = group["lat"]["metrics"][0];
  EXPECT_EQ(histogram["buckets"], (nlohmann::json{{"1", "1"}, {"+Inf", "2"}}));
  EXPECT_EQ(histogram["count"], "2");
  EXPECT_EQ(histogram["sum"], "3");
  EXPECT_EQ(group["push_time_seconds"]["metrics"][0]["value"], "1.7e+09");
  EXPECT_EQ(group["push_failure_time_seconds"]["metrics"][0]["value"], "0");

  clock.advance(std::chrono::seconds(1));
  store.push(job_key("batch", {{"zone", "eu"}}), "bad{", PushMethod::kPost);
  EXPECT_EQ(nlohmann::json::parse(store.api_metrics_json())["data"][0]["last_push_successful"], false);
}

TEST(PushApiJson, EmptyStoreHasEmptyData) {
  PushStore store(PushStoreOptions{});
  EXPECT_EQ(store.api_metrics_json(), R"({"data":[],"status":"success"})");
}

}  // namespace
}  // namespace host_exporter::ingest
