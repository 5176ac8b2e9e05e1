#pragma once
// The exposition model: what every source (host collectors, the client library,
// the textfile directory, pushed groups) hands to the encoders.
//
// A family is one metric name with its HELP, TYPE and series. Each series carries
// its label text already rendered and escaped (`cpu="0",mode="idle"`, no braces),
// so a series renders its labels once, when it is created, not on every scrape.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace host_exporter {

enum class MetricType { kCounter, kGauge, kHistogram, kSummary, kUntyped };

std::string_view to_string(MetricType type);

// Cumulative buckets in ascending order of upper bound; the last bound is +Inf
// and its count equals the histogram's count.
struct HistogramValue {
  std::vector<std::pair<double, double>> buckets;  // (upper bound, cumulative count)
  double sum = 0;
  double count = 0;
};

struct SummaryValue {
  std::vector<std::pair<double, double>> quantiles;  // (quantile, value)
  double sum = 0;
  double count = 0;
};

struct Series {
  std::string labels;  // rendered label text, escaped, without braces; empty for none
  std::variant<double, HistogramValue, SummaryValue> value = 0.0;
  std::optional<std::int64_t> timestamp_ms;  // only ever set by the parser
  // When a counter started from zero, in seconds since the epoch: OpenMetrics writes it as
  // `<name>_created` (text 0.0.4 has no such line). Set by the client library's counters.
  std::optional<double> created{};  // (initialised: brace-initialised Series may leave it out)

  double scalar() const { return std::get<double>(value); }
};

struct MetricFamily {
  std::string name;  // a counter's name includes its _total suffix, as in text 0.0.4
  std::string help;
  MetricType type = MetricType::kUntyped;
  std::vector<Series> series;
};

// Appends `name="value"` (escaped) to `out`, with a separating comma when `out`
// is not empty. Label names are not checked here: callers use valid names.
void append_label(std::string& out, std::string_view name, std::string_view value);

// Renders a whole label set, in the order given.
std::string render_labels(std::initializer_list<std::pair<std::string_view, std::string_view>> labels);

// Escapes a label value: backslash, double quote and newline.
void append_escaped_label_value(std::string& out, std::string_view value);

// Splits rendered label text back into (name, unescaped value) pairs.
// Returns nullopt when the text is not well-formed label text.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_label_text(std::string_view text);

bool is_valid_metric_name(std::string_view name);
bool is_valid_label_name(std::string_view name);  // also refuses the reserved `__` prefix

}  // namespace host_exporter
