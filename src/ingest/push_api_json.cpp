#include "ingest/push_api_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "metrics/double_chars.hpp"

namespace host_exporter::ingest {

namespace {

std::string go_type_name(MetricType type) {
  switch (type) {
    case MetricType::kCounter: return "COUNTER";
    case MetricType::kGauge: return "GAUGE";
    case MetricType::kHistogram: return "HISTOGRAM";
    case MetricType::kSummary: return "SUMMARY";
    case MetricType::kUntyped: return "UNTYPED";
  }
  return "UNTYPED";
}

nlohmann::json labels_object(const std::string& label_text) {
  nlohmann::json labels = nlohmann::json::object();
  if (auto pairs = parse_label_text(label_text)) {
    for (auto& [name, value] : *pairs) labels[name] = std::move(value);
  }
  return labels;
}

nlohmann::json series_object(const Series& series) {
  nlohmann::json entry;
  entry["labels"] = labels_object(series.labels);
  if (const auto* histogram = std::get_if<HistogramValue>(&series.value)) {
    nlohmann::json buckets = nlohmann::json::object();
    for (const auto& [bound, count] : histogram->buckets) buckets[go_float_text(bound)] = go_float_text(count);
    entry["buckets"] = std::move(buckets);
    entry["count"] = go_float_text(histogram->count);
    entry["sum"] = go_float_text(histogram->sum);
  } else if (const auto* summary = std::get_if<SummaryValue>(&series.value)) {
    nlohmann::json quantiles = nlohmann::json::object();
    for (const auto& [quantile, value] : summary->quantiles) quantiles[go_float_text(quantile)] = go_float_text(value);
    entry["quantiles"] = std::move(quantiles);
    entry["count"] = go_float_text(summary->count);
    entry["sum"] = go_float_text(summary->sum);
  } else {
    entry["value"] = go_float_text(std::get<double>(series.value));
  }
  return entry;
}

nlohmann::json family_object(const MetricFamily& family, TimePoint time) {
  nlohmann::json entry;
  entry["time_stamp"] = rfc3339_nano(time);
  entry["type"] = go_type_name(family.type);
  if (!family.help.empty()) entry["help"] = family.help;
  auto& metrics = entry["metrics"] = nlohmann::json::array();
  for (const auto& series : family.series) metrics.push_back(series_object(series));
  return entry;
}

nlohmann::json timestamp_family(const char* help, const GroupingKey& key, TimePoint value, TimePoint stamp) {
  MetricFamily family{"", help, MetricType::kGauge, {}};
  family.series.push_back({apply_grouping_key("", key).value_or(std::string()), to_unix_seconds(value), {}});
  return family_object(family, stamp);
}

}  // namespace

namespace {

// The shortest round-trip digits of a finite, non-zero value and its decimal exponent
// (d.ddd x 10^exponent), from write_shortest_double: libc++ before 14 has no
// floating-point to_chars (and Apple's only from macOS 13.3).
struct ShortestDecimal {
  bool negative = false;
  std::string digits;  // no leading or trailing zeros
  int exponent = 0;
};

ShortestDecimal shortest_decimal(double value) {
  char buffer[64];
  const auto written = write_shortest_double(buffer, buffer + sizeof buffer, value);
  std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
  ShortestDecimal decimal;
  if (!text.empty() && text.front() == '-') {
    decimal.negative = true;
    text.remove_prefix(1);
  }
  int exponent = 0;
  if (const std::size_t e = text.find('e'); e != std::string_view::npos) {
    std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(), exponent);
    text = text.substr(0, e);
  }
  const std::size_t dot = text.find('.');
  const std::size_t integer_digits = dot == std::string_view::npos ? text.size() : dot;
  for (const char c : text) {
    if (c != '.') decimal.digits += c;
  }
  std::size_t leading = 0;
  while (leading < decimal.digits.size() && decimal.digits[leading] == '0') ++leading;
  decimal.digits.erase(0, leading);
  while (!decimal.digits.empty() && decimal.digits.back() == '0') decimal.digits.pop_back();
  decimal.exponent = static_cast<int>(integer_digits) - static_cast<int>(leading) - 1 + exponent;
  return decimal;
}

}  // namespace

std::string go_float_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  const ShortestDecimal decimal = shortest_decimal(value);
  const std::string& digits = decimal.digits;
  const int exponent = decimal.exponent;
  std::string text = decimal.negative ? "-" : "";
  if (exponent < -4 || exponent >= 6) {  // Go's %v: "1.5e+09", two exponent digits at least
    text += digits.front();
    if (digits.size() > 1) text += "." + digits.substr(1);
    const std::string magnitude = std::to_string(exponent < 0 ? -exponent : exponent);
    return text + (exponent < 0 ? "e-" : "e+") + (magnitude.size() < 2 ? "0" : "") + magnitude;
  }
  if (exponent < 0) return text + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  const auto integer_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) return text + digits + std::string(integer_digits - digits.size(), '0');
  return text + digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
}

std::string rfc3339_nano(TimePoint time) {
  const auto since = time.time_since_epoch();
  auto seconds = std::chrono::floor<std::chrono::seconds>(since);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds).count();
  const std::time_t whole = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char buffer[64];
  std::size_t length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string out(buffer, length);
  if (nanos > 0) {
    std::string fraction = std::to_string(nanos);
    fraction.insert(0, 9 - fraction.size(), '0');
    while (fraction.back() == '0') fraction.pop_back();
    out += '.';
    out += fraction;
  }
  out += 'Z';
  return out;
}

std::string render_api_metrics(const std::vector<const PushGroup*>& groups) {
  nlohmann::json data = nlohmann::json::array();
  for (const PushGroup* group : groups) {
    nlohmann::json entry;
    nlohmann::json labels = nlohmann::json::object();
    for (const auto& [name, value] : group->key) labels[name] = value;
    entry["labels"] = std::move(labels);
    entry["last_push_successful"] = group->failure_time <= group->push_time;
    for (const auto& [name, pushed] : group->families) entry[name] = family_object(pushed.family, pushed.pushed_at);
    const TimePoint stamp = std::max(group->push_time, group->failure_time);
    entry["push_time_seconds"] =
        timestamp_family("Last Unix time when changing this group succeeded.", group->key, group->push_time, stamp);
    entry["push_failure_time_seconds"] = timestamp_family("Last Unix time when changing this group failed.",
                                                          group->key, group->failure_time, stamp);
    data.push_back(std::move(entry));
  }
  nlohmann::json root;
  root["status"] = "success";
  root["data"] = std::move(data);
  return root.dump();
}

}  // namespace host_exporter::ingest
