#include "live/family_view.hpp"

#include <cmath>
#include <limits>

namespace host_exporter::live {

FamilyView::FamilyView(const std::vector<MetricFamily>& families) {
  for (const auto& family : families) by_name_.emplace(family.name, &family);
}

const MetricFamily* FamilyView::find(std::string_view name) const {
  const auto found = by_name_.find(name);
  return found != by_name_.end() ? found->second : nullptr;
}

std::optional<double> FamilyView::scalar(std::string_view name) const {
  const MetricFamily* family = find(name);
  if (family == nullptr || family->series.empty()) return std::nullopt;
  for (const auto& series : family->series) {
    if (series.labels.empty()) return number_of(series);
  }
  return number_of(family->series.front());
}

std::optional<double> FamilyView::sum(std::string_view name) const {
  const MetricFamily* family = find(name);
  if (family == nullptr || family->series.empty()) return std::nullopt;
  double total = 0;
  for (const auto& series : family->series) {
    if (const double value = number_of(series); !std::isnan(value)) total += value;
  }
  return total;
}

std::string label_value(std::string_view labels, std::string_view name) {
  const auto pairs = parse_label_text(labels);
  if (!pairs) return {};
  for (const auto& [label, value] : *pairs) {
    if (label == name) return value;
  }
  return {};
}

double number_of(const Series& series) {
  if (const double* value = std::get_if<double>(&series.value)) return *value;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace host_exporter::live
