#pragma once
// A small client of Prometheus' HTTP API (/api/v1/targets, /api/v1/query) for
// `host_exporter verify`, and the decoding of its JSON answers into plain structs.
// The decoders are separate functions so tests can feed them recorded answers.
// Every failure (unreachable, HTTP error, status "error", unexpected JSON) is a
// PrometheusError whose message says what went wrong, for the user.

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace host_exporter::cli {

struct PrometheusError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using LabelMap = std::map<std::string, std::string>;

// One element of an instant vector (resultType "vector" or "scalar").
struct InstantSample {
  LabelMap labels;  // includes __name__ when the query kept it
  double time = 0;  // the evaluation time, Unix seconds
  double value = 0;
};

// One series of a range vector (resultType "matrix"): raw samples with the
// times Prometheus stored them at (for a selector such as up[1m]).
struct RangeSeries {
  LabelMap labels;
  std::vector<std::pair<double, double>> points;  // (Unix seconds, value), oldest first
};

struct ScrapeTarget {
  std::string job;
  std::string instance;
  std::string scrape_url;
  std::string health;      // "up", "down" or "unknown"
  std::string last_error;  // empty when the last scrape worked
  double scrape_interval_seconds = 0;  // 0 when Prometheus did not say (before 2.23)
};

// Decoders of /api/v1/query and /api/v1/targets answers; throw PrometheusError.
std::vector<InstantSample> decode_instant_vector(std::string_view body);
std::vector<RangeSeries> decode_range_vector(std::string_view body);
std::vector<ScrapeTarget> decode_targets(std::string_view body);

// The metric names of every group in host_exporter's push API answer
// (GET /api/v1/metrics, Pushgateway's format): the keys of each group other than
// labels, last_push_successful, push_time_seconds and push_failure_time_seconds.
std::vector<std::string> decode_push_group_metric_names(std::string_view body);

// A PromQL string literal: "value" with backslash, quote and newline escaped.
std::string promql_string(std::string_view value);

class PrometheusClient {
 public:
  // `url` is http://host:port, optionally with a path prefix (--web.route-prefix)
  // and a trailing slash; throws PrometheusError when it is not an http(s) URL.
  PrometheusClient(const std::string& url, std::chrono::milliseconds timeout);
  ~PrometheusClient();
  PrometheusClient(const PrometheusClient&) = delete;
  PrometheusClient& operator=(const PrometheusClient&) = delete;

  std::vector<ScrapeTarget> targets();
  std::vector<InstantSample> query(const std::string& promql);
  std::vector<RangeSeries> query_range_selector(const std::string& promql);  // e.g. up[30s]

  const std::string& url() const { return url_; }

 private:
  std::string get(const std::string& path_and_query);

  std::string url_;
  std::string base_;    // scheme://authority
  std::string prefix_;  // the URL's path, without a trailing slash
  std::chrono::milliseconds timeout_;
};

// GET `url` (http://host:port/path): true with `body` on HTTP 200, else false
// with `error` set. Used for the exporter's own push API.
bool http_get(const std::string& url, std::chrono::milliseconds timeout, std::string& body, std::string& error);

}  // namespace host_exporter::cli
