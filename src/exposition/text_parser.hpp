#pragma once
// A strict parser for the Prometheus text format 0.0.4: it accepts what
// Prometheus accepts and rejects the rest, naming the line and the reason.
// The textfile directory and the push API feed their input through it.

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::exposition {

struct ParseError {
  std::size_t line = 0;  // 1-based; 0 when the error concerns the input as a whole
  std::string reason;

  std::string message() const;  // "line 3: <reason>" or the reason alone
};

// On success, one family per metric name in order of first appearance, each with
// its samples grouped into series (histograms and summaries assembled from their
// _bucket/_sum/_count and quantile lines). A metric's lines need not be together:
// later lines join the family (but a series given twice is an error). Untyped
// metrics become kUntyped families.
// Label text in each series is re-rendered canonically (escaped, input order).
std::variant<std::vector<MetricFamily>, ParseError> parse_text(std::string_view input);

}  // namespace host_exporter::exposition
