#pragma once
// Reading a gathered scrape (what /metrics would serve at that instant) by metric name and label,
// so the live page shows the same numbers as /metrics and depends on the metric names alone.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::live {

class FamilyView {
 public:
  explicit FamilyView(const std::vector<MetricFamily>& families);

  const MetricFamily* find(std::string_view name) const;
  // The value of the family's series without labels (or its first series); nullopt when absent.
  std::optional<double> scalar(std::string_view name) const;
  // The sum of every series of a scalar family; nullopt when the family is absent or empty.
  std::optional<double> sum(std::string_view name) const;

 private:
  std::unordered_map<std::string_view, const MetricFamily*> by_name_;
};

// One label's value in rendered label text; "" when absent.
std::string label_value(std::string_view labels, std::string_view name);

// The series' value, or NaN when it is not a plain number.
double number_of(const Series& series);

}  // namespace host_exporter::live
