#pragma once
// Finding families and series in a collector's output, for tests.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host_exporter/collector.hpp"
#include "host_exporter/metric_family.hpp"
#include "support/fixtures.hpp"  // fixture_path, fixture_roots

namespace host_exporter::test {

inline const MetricFamily* find_family(const std::vector<MetricFamily>& families, std::string_view name) {
  for (const auto& family : families) {
    if (family.name == name) return &family;
  }
  return nullptr;
}

// The value of the series with exactly this rendered label text, if any.
inline std::optional<double> find_value(const std::vector<MetricFamily>& families, std::string_view name,
                                        std::string_view labels) {
  const MetricFamily* family = find_family(families, name);
  if (family == nullptr) return std::nullopt;
  for (const auto& series : family->series) {
    if (series.labels == labels) return series.scalar();
  }
  return std::nullopt;
}

inline std::vector<std::string> series_labels(const std::vector<MetricFamily>& families, std::string_view name) {
  std::vector<std::string> labels;
  if (const MetricFamily* family = find_family(families, name)) {
    for (const auto& series : family->series) labels.push_back(series.labels);
  }
  return labels;
}

// Everything one collect() call exports.
inline std::vector<MetricFamily> collect(Collector& collector) {
  std::vector<MetricFamily> families;
  collector.collect(families);
  return families;
}

}  // namespace host_exporter::test
