#pragma once
// Finds families and series in collected output, for assertions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::ingest::testing {

inline const MetricFamily* find_family(const std::vector<MetricFamily>& families, std::string_view name) {
  for (const auto& family : families) {
    if (family.name == name) return &family;
  }
  return nullptr;
}

inline std::size_t count_families(const std::vector<MetricFamily>& families, std::string_view name) {
  std::size_t count = 0;
  for (const auto& family : families) count += family.name == name ? 1 : 0;
  return count;
}

inline std::optional<double> value_of(const std::vector<MetricFamily>& families, std::string_view name,
                                      std::string_view labels = "") {
  const MetricFamily* family = find_family(families, name);
  if (family == nullptr) return std::nullopt;
  for (const auto& series : family->series) {
    if (series.labels == labels) return series.scalar();
  }
  return std::nullopt;
}

}  // namespace host_exporter::ingest::testing
