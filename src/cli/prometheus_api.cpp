#include "cli/prometheus_api.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "http_client/http_client.hpp"
#include "text/duration.hpp"

namespace host_exporter::cli {

namespace {

using nlohmann::json;

// Parses an API answer and returns its "data", after checking "status".
json api_data(std::string_view body) {
  json root = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    throw PrometheusError("the answer is not JSON (is this Prometheus' address?)");
  }
  const auto status = root.find("status");
  if (status == root.end() || !status->is_string()) throw PrometheusError("the answer has no status");
  if (*status != "success") {
    std::string message = "Prometheus answered status " + status->get<std::string>();
    if (const auto error = root.find("error"); error != root.end() && error->is_string()) {
      message += ": " + error->get<std::string>();
    }
    throw PrometheusError(message);
  }
  const auto data = root.find("data");
  if (data == root.end()) throw PrometheusError("the answer has no data");
  return *data;
}

// Prometheus writes sample values as strings ("1", "NaN", "+Inf").
double sample_value(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) throw PrometheusError("a sample value is neither a string nor a number");
  const std::string text = value.get<std::string>();
  char* end = nullptr;
  const double parsed = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    throw PrometheusError("a sample value is not a number: \"" + text + "\"");
  }
  return parsed;
}

// [<unix time>, "<value>"]
std::pair<double, double> sample_pair(const json& pair) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number()) {
    throw PrometheusError("a sample is not [time, value]");
  }
  return {pair[0].get<double>(), sample_value(pair[1])};
}

LabelMap labels_of(const json& item, const char* key) {
  LabelMap labels;
  const auto metric = item.find(key);
  if (metric == item.end() || !metric->is_object()) return labels;
  for (const auto& [name, value] : metric->items()) {
    if (value.is_string()) labels[name] = value.get<std::string>();
  }
  return labels;
}

std::string string_field(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& result_of(const json& data, const char* expected_type) {
  if (!data.is_object()) throw PrometheusError("the query answer's data is not an object");
  const std::string type = string_field(data, "resultType");
  const auto result = data.find("result");
  if (result == data.end()) throw PrometheusError("the query answer has no result");
  if (type != expected_type && !(type == "scalar" && std::string_view(expected_type) == "vector")) {
    throw PrometheusError("expected a " + std::string(expected_type) + " result, got \"" + type + "\"");
  }
  return *result;
}

}  // namespace

std::vector<InstantSample> decode_instant_vector(std::string_view body) {
  const json data = api_data(body);
  const json& result = result_of(data, "vector");
  std::vector<InstantSample> out;
  if (string_field(data, "resultType") == "scalar") {
    const auto [time, value] = sample_pair(result);
    out.push_back({{}, time, value});
    return out;
  }
  if (!result.is_array()) throw PrometheusError("the vector result is not a list");
  for (const auto& item : result) {
    const auto value = item.find("value");
    if (!item.is_object() || value == item.end()) throw PrometheusError("a vector element has no value");
    const auto [time, number] = sample_pair(*value);
    out.push_back({labels_of(item, "metric"), time, number});
  }
  return out;
}

std::vector<RangeSeries> decode_range_vector(std::string_view body) {
  const json data = api_data(body);
  const json& result = result_of(data, "matrix");
  if (!result.is_array()) throw PrometheusError("the matrix result is not a list");
  std::vector<RangeSeries> out;
  for (const auto& item : result) {
    const auto values = item.find("values");
    if (!item.is_object() || values == item.end() || !values->is_array()) {
      throw PrometheusError("a matrix series has no values");
    }
    RangeSeries series{labels_of(item, "metric"), {}};
    for (const auto& pair : *values) series.points.push_back(sample_pair(pair));
    out.push_back(std::move(series));
  }
  return out;
}

std::vector<ScrapeTarget> decode_targets(std::string_view body) {
  const json data = api_data(body);
  const auto active = data.find("activeTargets");
  if (!data.is_object() || active == data.end() || !active->is_array()) {
    throw PrometheusError("the targets answer has no activeTargets list");
  }
  std::vector<ScrapeTarget> out;
  for (const auto& item : *active) {
    if (!item.is_object()) continue;
    ScrapeTarget target;
    const LabelMap labels = labels_of(item, "labels");
    if (const auto job = labels.find("job"); job != labels.end()) target.job = job->second;
    if (const auto instance = labels.find("instance"); instance != labels.end()) target.instance = instance->second;
    target.scrape_url = string_field(item, "scrapeUrl");
    target.health = string_field(item, "health");
    target.last_error = string_field(item, "lastError");
    if (const auto interval = text::parse_duration(string_field(item, "scrapeInterval"))) {
      target.scrape_interval_seconds = std::chrono::duration<double>(*interval).count();
    }
    out.push_back(std::move(target));
  }
  return out;
}

std::vector<std::string> decode_push_group_metric_names(std::string_view body) {
  const json data = api_data(body);
  if (!data.is_array()) throw PrometheusError("the push API answer's data is not a list");
  static const std::set<std::string> kNotMetrics = {"labels", "last_push_successful", "push_time_seconds",
                                                    "push_failure_time_seconds"};
  std::set<std::string> names;
  for (const auto& group : data) {
    if (!group.is_object()) continue;
    for (const auto& [key, value] : group.items()) {
      if (!kNotMetrics.count(key)) names.insert(key);
    }
  }
  return {names.begin(), names.end()};
}

std::string promql_string(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

PrometheusClient::PrometheusClient(const std::string& url, std::chrono::milliseconds timeout)
    : url_(url), timeout_(timeout) {
  try {
    const http::Url parsed = http::parse_url(url);
    prefix_ = parsed.target == "/" ? "" : parsed.target;
  } catch (const http::ClientError& e) {
    throw PrometheusError(std::string("--prometheus: ") + e.what());
  }
  while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
  base_ = url.substr(0, std::min(url.find('/', url.find("://") + 3), url.size()));
}

PrometheusClient::~PrometheusClient() = default;

std::string PrometheusClient::get(const std::string& path_and_query) {
  http::ClientRequest request;
  request.url = base_ + prefix_ + path_and_query;
  request.timeout = timeout_;
  http::ClientResponse response;
  try {
    response = http::fetch(request);
  } catch (const http::ClientError& e) {
    throw PrometheusError("cannot reach Prometheus at " + url_ + ": " + e.what());
  }
  // Prometheus answers 400/422/503 with a JSON body that says why; let the decoder report it.
  if (response.status != 200 && response.body.find("\"status\"") == std::string::npos) {
    throw PrometheusError("Prometheus at " + url_ + " answered HTTP " + std::to_string(response.status) + " for " +
                          path_and_query + " (is this Prometheus' address?)");
  }
  return response.body;
}

std::vector<ScrapeTarget> PrometheusClient::targets() { return decode_targets(get("/api/v1/targets?state=active")); }

std::vector<InstantSample> PrometheusClient::query(const std::string& promql) {
  return decode_instant_vector(get("/api/v1/query?query=" + http::encode_query_value(promql)));
}

std::vector<RangeSeries> PrometheusClient::query_range_selector(const std::string& promql) {
  return decode_range_vector(get("/api/v1/query?query=" + http::encode_query_value(promql)));
}

bool http_get(const std::string& url, std::chrono::milliseconds timeout, std::string& body, std::string& error) {
  http::ClientRequest request;
  request.url = url;
  request.timeout = timeout;
  try {
    http::ClientResponse response = http::fetch(request);
    if (response.status != 200) {
      error = "HTTP " + std::to_string(response.status);
      return false;
    }
    body = std::move(response.body);
    return true;
  } catch (const http::ClientError& e) {
    error = e.what();
    return false;
  }
}

}  // namespace host_exporter::cli
