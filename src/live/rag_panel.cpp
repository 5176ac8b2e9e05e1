#include "live/rag_panel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace host_exporter::live {

namespace {

constexpr double kWindowSeconds = 60;
constexpr std::size_t kMaxReadings = 128;  // a minute of snapshots at any sane rate
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

Buckets summed_buckets(const MetricFamily* family) {
  Buckets buckets;
  if (family == nullptr) return buckets;
  for (const auto& series : family->series) {
    const auto* histogram = std::get_if<HistogramValue>(&series.value);
    if (histogram == nullptr) continue;
    for (const auto& [bound, count] : histogram->buckets) buckets[bound] += count;
  }
  return buckets;
}

Buckets difference(const Buckets& now, const Buckets& before) {
  Buckets delta;
  for (const auto& [bound, count] : now) {
    const auto found = before.find(bound);
    delta[bound] = std::max(0.0, count - (found != before.end() ? found->second : 0.0));
  }
  return delta;
}

double histogram_mean(const MetricFamily* family) {
  if (family == nullptr) return kNone;
  double sum = 0, count = 0;
  for (const auto& series : family->series) {
    if (const auto* histogram = std::get_if<HistogramValue>(&series.value)) {
      sum += histogram->sum;
      count += histogram->count;
    }
  }
  return count > 0 ? sum / count : kNone;
}

}  // namespace

double bucket_quantile(double q, const Buckets& buckets) {
  if (buckets.empty()) return kNone;
  const double total = buckets.rbegin()->second;
  if (!(total > 0)) return kNone;
  const double rank = q * total;
  double lower_bound = 0, lower_count = 0;
  for (const auto& [bound, count] : buckets) {
    if (count >= rank) {
      if (std::isinf(bound)) return lower_bound;  // in the +Inf bucket: the highest finite bound
      if (count == lower_count) return bound;
      return lower_bound + (bound - lower_bound) * (rank - lower_count) / (count - lower_count);
    }
    lower_bound = bound;
    lower_count = count;
  }
  return lower_bound;
}

RagPanel::Reading RagPanel::read(const FamilyView& view, double now) {
  Reading reading;
  reading.time = now;
  reading.queries = view.sum("rag_query_total").value_or(0);
  if (const MetricFamily* errors = view.find("rag_query_errors_total")) {
    for (const auto& series : errors->series) {
      const double value = number_of(series);
      if (std::isnan(value)) continue;
      reading.errors_by_type[label_value(series.labels, "error_type")] += value;
      reading.errors += value;
    }
  }
  reading.duration = summed_buckets(view.find("rag_query_duration_seconds"));
  return reading;
}

nlohmann::ordered_json RagPanel::panel(const FamilyView& view, double now) {
  if (view.find("rag_query_total") == nullptr && view.find("rag_query_duration_seconds") == nullptr &&
      view.find("rag_cache_hit_rate") == nullptr && view.find("rag_retrieval_score") == nullptr) {
    return nullptr;
  }
  const Reading current = read(view, now);
  Reading oldest;
  {
    std::lock_guard lock(mutex_);
    while (!recent_.empty() && (now - recent_.front().time > kWindowSeconds || recent_.size() >= kMaxReadings)) {
      recent_.pop_front();
    }
    // A restarted application (counters went back) starts the window again.
    if (!recent_.empty() && current.queries < recent_.back().queries) recent_.clear();
    oldest = recent_.empty() ? current : recent_.front();
    if (recent_.empty() || now > recent_.back().time) recent_.push_back(current);
  }
  const double seconds = current.time - oldest.time;
  const double queries = current.queries - oldest.queries;
  // Latency over the window when queries were answered in it, else since the application started.
  const bool windowed = seconds > 0 && queries > 0;
  const Buckets latency = windowed ? difference(current.duration, oldest.duration) : current.duration;

  nlohmann::ordered_json json;
  json["window_seconds"] = seconds;
  json["query_rate_per_second"] = seconds > 0 ? queries / seconds : kNone;
  json["queries_total"] = current.queries;
  json["latency_scope"] = windowed ? "window" : "since_start";
  json["latency_p50_seconds"] = bucket_quantile(0.5, latency);
  json["latency_p95_seconds"] = bucket_quantile(0.95, latency);
  const double errors = windowed ? current.errors - oldest.errors : current.errors;
  const double asked = windowed ? queries : current.queries;
  json["error_ratio"] = asked > 0 ? errors / asked : kNone;
  auto& by_type = json["errors"] = nlohmann::ordered_json::array();
  for (const auto& [type, count] : current.errors_by_type) {
    const auto before = oldest.errors_by_type.find(type);
    const double in_scope = windowed ? count - (before != oldest.errors_by_type.end() ? before->second : 0) : count;
    by_type.push_back({{"error_type", type}, {"ratio", asked > 0 ? in_scope / asked : kNone}});
  }
  const auto hits = view.sum("rag_cache_hits_total");
  const auto lookups = view.sum("rag_cache_requests_total");
  const double cache = hits && lookups && *lookups > 0 ? *hits / *lookups
                                                       : view.scalar("rag_cache_hit_rate").value_or(kNone);
  json["cache_hit_ratio"] = cache;
  const double score = view.scalar("rag_retrieval_score_avg").value_or(kNone);
  json["retrieval_score"] = std::isnan(score) ? histogram_mean(view.find("rag_retrieval_score")) : score;
  return json;
}

}  // namespace host_exporter::live
