// Encoder round trips: what encode_batch produces, uncompressed with libsnappy and parsed
// with libprotobuf, is the WriteRequest Prometheus would store from scraping the same families.
#include "remote_write/write_request.hpp"

#include <gtest/gtest.h>
#include <snappy.h>

#include <limits>
#include <map>

#include "remote_write/remote_write.pb.h"

namespace host_exporter::remote_write {
namespace {

prometheus::WriteRequest decode(const std::string& compressed) {
  std::string raw;
  EXPECT_TRUE(snappy::Uncompress(compressed.data(), compressed.size(), &raw));
  prometheus::WriteRequest request;
  EXPECT_TRUE(request.ParseFromString(raw));
  return request;
}

// "name{a=1,b=2}" with labels in the order sent, to compare whole series at once.
std::string text_of(const prometheus::TimeSeries& series) {
  std::string out;
  for (const auto& label : series.labels()) out += (out.empty() ? "" : ",") + label.name() + "=" + label.value();
  return out;
}

std::vector<MetricFamily> sample_families() {
  std::vector<MetricFamily> families;
  families.push_back({"host_memory_total_bytes", "Memory.", MetricType::kGauge, {{"", 16e9, {}}}});
  families.push_back({"node_cpu_seconds_total", "CPU.", MetricType::kCounter,
                      {{render_labels({{"cpu", "0"}, {"mode", "idle"}}), 12.5, {}},
                       {render_labels({{"cpu", "0"}, {"mode", "user\"x\\y"}}), 3.0, {}}}});
  HistogramValue histogram{{{0.5, 1}, {std::numeric_limits<double>::infinity(), 3}}, 2.5, 3};
  families.push_back({"app_latency_seconds", "Latency.", MetricType::kHistogram,
                      {{render_labels({{"route", "/"}}), histogram, {}}}});
  SummaryValue summary{{{0.99, 0.2}}, 1.5, 7};
  families.push_back({"app_rpc_seconds", "RPC.", MetricType::kSummary, {{"", summary, std::int64_t{1234}}}});
  return families;
}

TEST(EncodeBatch, SendsEverySeriesWithSortedLabelsAndTheGatherTime) {
  BatchSettings settings;
  settings.external_labels = {{"instance", "box"}, {"job", "host"}};
  const EncodedBatch batch = encode_batch(sample_families(), settings, 1'700'000'000'123);
  const prometheus::WriteRequest request = decode(batch.body);

  std::map<std::string, std::pair<double, std::int64_t>> got;
  for (const auto& series : request.timeseries()) {
    ASSERT_EQ(series.samples_size(), 1);
    got[text_of(series)] = {series.samples(0).value(), series.samples(0).timestamp()};
    for (int i = 1; i < series.labels_size(); ++i) {
      EXPECT_LT(series.labels(i - 1).name(), series.labels(i).name()) << "labels must be sorted by name";
    }
  }
  const std::int64_t t = 1'700'000'000'123;
  const std::map<std::string, std::pair<double, std::int64_t>> want = {
      {"__name__=host_memory_total_bytes,instance=box,job=host", {16e9, t}},
      {"__name__=node_cpu_seconds_total,cpu=0,instance=box,job=host,mode=idle", {12.5, t}},
      {"__name__=node_cpu_seconds_total,cpu=0,instance=box,job=host,mode=user\"x\\y", {3.0, t}},
      {"__name__=app_latency_seconds_bucket,instance=box,job=host,le=0.5,route=/", {1, t}},
      {"__name__=app_latency_seconds_bucket,instance=box,job=host,le=+Inf,route=/", {3, t}},
      {"__name__=app_latency_seconds_sum,instance=box,job=host,route=/", {2.5, t}},
      {"__name__=app_latency_seconds_count,instance=box,job=host,route=/", {3, t}},
      // A sample with its own timestamp (a pushed or textfile one) keeps it.
      {"__name__=app_rpc_seconds,instance=box,job=host,quantile=0.99", {0.2, 1234}},
      {"__name__=app_rpc_seconds_sum,instance=box,job=host", {1.5, 1234}},
      {"__name__=app_rpc_seconds_count,instance=box,job=host", {7, 1234}},
  };
  EXPECT_EQ(got, want);
  EXPECT_EQ(batch.samples, want.size());
}

TEST(EncodeBatch, ASeriesOwnLabelWinsOverAnExternalOne) {
  std::vector<MetricFamily> families(1);
  families[0] = {"pushed_value", "", MetricType::kGauge, {{render_labels({{"instance", "app-7"}}), 1.0, {}}}};
  BatchSettings settings;
  settings.external_labels = {{"instance", "box"}};
  const auto request = decode(encode_batch(families, settings, 1).body);
  ASSERT_EQ(request.timeseries_size(), 1);
  EXPECT_EQ(text_of(request.timeseries(0)), "__name__=pushed_value,instance=app-7");
}

TEST(EncodeBatch, SendsOnlyTheSelectedFamilies) {
  const FamilySelection selection("node_.*|host_.*", "host_memory_.*");
  BatchSettings settings;
  settings.selection = &selection;
  const auto request = decode(encode_batch(sample_families(), settings, 1).body);
  ASSERT_EQ(request.timeseries_size(), 2);
  for (const auto& series : request.timeseries()) EXPECT_EQ(series.labels(0).value(), "node_cpu_seconds_total");
}

TEST(EncodeBatch, AnEmptyGatherIsAValidEmptyRequest) {
  const EncodedBatch batch = encode_batch({}, {}, 1);
  EXPECT_EQ(batch.samples, 0u);
  EXPECT_EQ(decode(batch.body).timeseries_size(), 0);
}

TEST(FamilySelection, AnchorsPatternsAndRefusesBadOnes) {
  const FamilySelection selection("node_cpu", "");
  EXPECT_TRUE(selection.selects("node_cpu"));
  EXPECT_FALSE(selection.selects("node_cpu_seconds_total"));
  EXPECT_THROW(FamilySelection("(", ""), std::invalid_argument);
}

}  // namespace
}  // namespace host_exporter::remote_write
