#include "exposition/histogram_assembly.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "exposition/parse_message.hpp"

namespace host_exporter::exposition {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// By key; points with the same key stay in line order, so the second one is the duplicate.
bool point_before(const SeriesPoint& a, const SeriesPoint& b) {
  return a.key < b.key || (a.key == b.key && a.line < b.line);
}

// The position of the first point whose key repeats the one before it; 0 when none does.
std::size_t find_repeated_key(const std::vector<SeriesPoint>& points) {
  for (std::size_t i = 1; i < points.size(); ++i) {
    if (points[i].key == points[i - 1].key) return i;
  }
  return 0;
}

}  // namespace

std::optional<ParseError> assemble_histogram(std::string_view family, std::string_view labels, SeriesParts& parts,
                                             HistogramValue& histogram) {
  std::vector<SeriesPoint>& points = parts.points;
  std::sort(points.begin(), points.end(), point_before);
  if (const std::size_t repeated = find_repeated_key(points); repeated != 0) {
    return ParseError{points[repeated].line, "duplicate series " +
                                                 describe_series(std::string(family) + "_bucket", labels) +
                                                 " with le=\"" + format_number(points[repeated].key) +
                                                 "\" (first seen on line " +
                                                 std::to_string(points[repeated - 1].line) + ")"};
  }
  for (std::size_t i = 1; i < points.size(); ++i) {
    const SeriesPoint& previous = points[i - 1];
    const SeriesPoint& point = points[i];
    if (point.value < previous.value) {
      return ParseError{point.line, "bucket le=\"" + format_number(point.key) + "\" of histogram " +
                                        describe_series(family, labels) + " counts " + format_number(point.value) +
                                        ", less than the " + format_number(previous.value) + " of bucket le=\"" +
                                        format_number(previous.key) + "\" (buckets are cumulative)"};
    }
  }
  const bool has_infinity = !points.empty() && points.back().key == kInf;
  if (has_infinity) {
    const SeriesPoint& infinity = points.back();
    if (parts.count_line == 0) {
      histogram.count = infinity.value;
    } else if (histogram.count != infinity.value) {
      return ParseError{parts.count_line, "count " + format_number(histogram.count) + " of histogram " +
                                              describe_series(family, labels) + " differs from its le=\"+Inf\" bucket " +
                                              format_number(infinity.value)};
    }
  } else {
    if (parts.count_line == 0) {
      return ParseError{parts.first_line, "histogram " + describe_series(family, labels) +
                                              " has neither a le=\"+Inf\" bucket nor a _count sample"};
    }
    if (!points.empty() && histogram.count < points.back().value) {
      return ParseError{parts.count_line, "count " + format_number(histogram.count) + " of histogram " +
                                              describe_series(family, labels) + " is less than the " +
                                              format_number(points.back().value) + " of its bucket le=\"" +
                                              format_number(points.back().key) + "\" (buckets are cumulative)"};
    }
    points.push_back(SeriesPoint{kInf, histogram.count, parts.count_line});
  }
  histogram.buckets.reserve(points.size());
  for (const SeriesPoint& point : points) histogram.buckets.emplace_back(point.key, point.value);
  return std::nullopt;
}

std::optional<ParseError> assemble_summary(std::string_view family, std::string_view labels, SeriesParts& parts,
                                           SummaryValue& summary) {
  std::vector<SeriesPoint>& points = parts.points;
  std::sort(points.begin(), points.end(), point_before);
  if (const std::size_t repeated = find_repeated_key(points); repeated != 0) {
    return ParseError{points[repeated].line, "duplicate series " + describe_series(family, labels) +
                                                 " with quantile=\"" + format_number(points[repeated].key) +
                                                 "\" (first seen on line " +
                                                 std::to_string(points[repeated - 1].line) + ")"};
  }
  summary.quantiles.reserve(points.size());
  for (const SeriesPoint& point : points) summary.quantiles.emplace_back(point.key, point.value);
  return std::nullopt;
}

}  // namespace host_exporter::exposition
