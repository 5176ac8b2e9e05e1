#pragma once
// The last step of parsing a histogram or summary: its samples arrive one line at
// a time, in any order and possibly scattered through the input, so a series can
// only be checked and put together once the whole input has been read.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "exposition/text_parser.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter::exposition {

// A histogram bucket or summary quantile as read, with its line for messages.
struct SeriesPoint {
  double key;  // le or quantile
  double value;
  std::size_t line;
};

// What the parser gathers for one histogram or summary series.
struct SeriesParts {
  std::size_t first_line = 0;
  std::size_t sum_line = 0;    // 0: no _sum sample
  std::size_t count_line = 0;  // 0: no _count sample
  std::vector<SeriesPoint> points;
};

// Sorts the buckets by bound and checks them: no bound twice, counts that never
// decrease, and a le="+Inf" bucket equal to the count. A series without a +Inf
// bucket gets one from its _count (as node_exporter does); one without either is
// refused. Without a _count the count is the +Inf bucket's. `histogram` already
// holds the sum and count; the buckets are added to it.
std::optional<ParseError> assemble_histogram(std::string_view family, std::string_view labels, SeriesParts& parts,
                                             HistogramValue& histogram);

// Sorts the quantiles and refuses one given twice; adds them to `summary`.
std::optional<ParseError> assemble_summary(std::string_view family, std::string_view labels, SeriesParts& parts,
                                           SummaryValue& summary);

}  // namespace host_exporter::exposition
