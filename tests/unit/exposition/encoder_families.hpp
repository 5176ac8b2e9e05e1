#pragma once
// Families shared by the encoder tests: every type, special characters in labels
// and HELP, a timestamp, an empty family, and a histogram without its +Inf bucket.

#include <limits>
#include <string>
#include <vector>

#include "exposition/format.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter::exposition::testing {

// `families` as `format` writes them, in one string.
inline std::string encode_to_string(const std::vector<MetricFamily>& families, Format format) {
  std::string out;
  encode(families, format, out);
  return out;
}

inline Series scalar_series(std::string labels, double value) {
  Series series;
  series.labels = std::move(labels);
  series.value = value;
  return series;
}

inline std::vector<MetricFamily> rich_families() {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<MetricFamily> families;

  families.push_back({"hx_requests_total", "Requests served.", MetricType::kCounter,
                      {scalar_series(R"(method="GET",code="200")", 1027),
                       scalar_series(R"(method="POST",code="500")", 3)}});
  families.back().series[0].created = 1700000000.5;  // OpenMetrics only: hx_requests_created

  families.push_back({"hx_temperature_celsius", "Temperature; HELP keeps \\ and\nnewline and \"quotes\".",
                      MetricType::kGauge,
                      {scalar_series(render_labels({{"path", "C:\\dir\n\"x\""}, {"zone", "a,b={c}"}}), -3.5)}});

  MetricFamily untyped{"hx_legacy_value", "", MetricType::kUntyped, {scalar_series("", 42)}};
  untyped.series[0].timestamp_ms = 1700000000123;
  families.push_back(std::move(untyped));

  families.push_back({"hx_nothing_bytes", "A family without series is not written.", MetricType::kGauge, {}});

  Series with_inf;
  with_inf.labels = R"(handler="/api")";
  with_inf.value = HistogramValue{{{0.005, 1}, {0.1, 4}, {1, 7}, {kInf, 9}}, 3.25, 9};
  Series without_inf;
  without_inf.value = HistogramValue{{{0.005, 0}, {0.1, 2}}, 0.15, 3};
  families.push_back({"hx_request_duration_seconds", "Request latency.", MetricType::kHistogram,
                      {with_inf, without_inf}});

  Series summary;
  summary.labels = R"(service="db")";
  summary.value = SummaryValue{{{0.5, 0.012}, {0.99, 0.5}}, 12.5, 1000};
  families.push_back({"hx_rpc_duration_seconds", "RPC latency.", MetricType::kSummary, {summary}});

  return families;
}

}  // namespace host_exporter::exposition::testing
