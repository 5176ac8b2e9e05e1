#pragma once
// Whether two series hold the same values, bit for bit where it matters: NaN
// equals NaN and -0 differs from 0. For the parser's round-trip test and fuzzer
// (no GoogleTest here: the fuzzer does not link it).

#include <cmath>
#include <cstddef>
#include <utility>
#include <variant>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::test {

inline bool same_number(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
}

inline bool same_points(const std::vector<std::pair<double, double>>& a,
                        const std::vector<std::pair<double, double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_number(a[i].first, b[i].first) || !same_number(a[i].second, b[i].second)) return false;
  }
  return true;
}

inline bool same_series(const Series& a, const Series& b) {
  if (a.labels != b.labels || a.timestamp_ms != b.timestamp_ms || a.value.index() != b.value.index()) return false;
  if (const auto* x = std::get_if<double>(&a.value)) return same_number(*x, std::get<double>(b.value));
  if (const auto* x = std::get_if<HistogramValue>(&a.value)) {
    const auto& y = std::get<HistogramValue>(b.value);
    return same_points(x->buckets, y.buckets) && same_number(x->sum, y.sum) && same_number(x->count, y.count);
  }
  const auto& x = std::get<SummaryValue>(a.value);
  const auto& y = std::get<SummaryValue>(b.value);
  return same_points(x.quantiles, y.quantiles) && same_number(x.sum, y.sum) && same_number(x.count, y.count);
}

}  // namespace host_exporter::test
