// One encoder for both formats: the shape of the output is the same, and the few
// places where OpenMetrics differs are the fields of `Dialect`.
//
// Hot path: everything is appended to the caller's `out` (reused between scrapes),
// with no temporary strings per series.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>
#include <variant>

#include "exposition/format.hpp"
#include "exposition/number_format.hpp"
#include "exposition/sink.hpp"

namespace host_exporter::exposition {

namespace {

constexpr std::string_view kTotalSuffix = "_total";

struct Dialect {
  bool openmetrics = false;

  std::string_view type_name(MetricType type) const {
    if (openmetrics && type == MetricType::kUntyped) return "unknown";
    return to_string(type);
  }

  // Text 0.0.4 escapes backslash and newline in HELP; OpenMetrics also the double quote.
  // Most texts have none of them: one vectorised memchr a character is cheaper than the loop.
  // The loop is plain: string_view::find_first_of calls memchr on the set once per character
  // of the text, which made this 5 % of a scrape's CPU.
  bool help_needs_escaping(std::string_view help) const {
    const auto has = [help](char c) { return std::memchr(help.data(), c, help.size()) != nullptr; };
    return has('\\') || has('\n') || (openmetrics && has('"'));
  }

  void append_escaped_help(std::string& out, std::string_view help) const {
    std::size_t start = 0;
    for (std::size_t i = 0; i < help.size(); ++i) {
      const char c = help[i];
      if (c != '\\' && c != '\n' && (c != '"' || !openmetrics)) continue;
      out.append(help, start, i - start);
      out += c == '\n' ? std::string_view("\\n") : c == '"' ? std::string_view("\\\"") : "\\\\";
      start = i + 1;
    }
    out.append(help, start);
  }

  void append_timestamp(std::string& out, std::int64_t milliseconds) const {
    if (openmetrics) {
      append_milliseconds_as_seconds(out, milliseconds);
    } else {
      append_integer(out, milliseconds);
    }
  }

  void append_label_number(std::string& out, double value) const {
    if (openmetrics) {
      append_canonical_label_number(out, value);
    } else {
      append_double(out, value);
    }
  }
};

// Writes the sample lines of one series: `<name><suffix>{<labels>[,<extra>]} <value>[ <timestamp>]`.
class SampleWriter {
 public:
  SampleWriter(std::string& out, const Dialect& dialect, std::string_view name, const Series& series)
      : out_(out), dialect_(dialect), name_(name), series_(series) {}

  void line(std::string_view suffix, double value) {
    out_ += name_;
    out_ += suffix;
    if (!series_.labels.empty()) {
      out_ += '{';
      out_ += series_.labels;
      out_ += '}';
    }
    finish(value);
  }

  // A line with one more label (le or quantile) after the series' own labels.
  void line(std::string_view suffix, std::string_view label, double label_number, double value) {
    out_ += name_;
    out_ += suffix;
    out_ += '{';
    if (!series_.labels.empty()) {
      out_ += series_.labels;
      out_ += ',';
    }
    out_ += label;
    out_ += "=\"";
    dialect_.append_label_number(out_, label_number);
    out_ += "\"}";
    finish(value);
  }

 private:
  void finish(double value) {
    out_ += ' ';
    append_double(out_, value);
    if (series_.timestamp_ms) {
      out_ += ' ';
      dialect_.append_timestamp(out_, *series_.timestamp_ms);
    }
    out_ += '\n';
  }

  std::string& out_;
  const Dialect& dialect_;
  std::string_view name_;
  const Series& series_;
};

// The encoder trusts the producers' ascending bucket order (the registry, the
// parser and the collectors all guarantee it) and does not sort. It does enforce
// the invariant that the +Inf bucket exists and equals the count: any given +Inf
// bucket is replaced by one written from `count`.
void write_histogram(SampleWriter& writer, const HistogramValue& histogram) {
  for (const auto& [bound, cumulative] : histogram.buckets) {
    if (bound == std::numeric_limits<double>::infinity()) break;
    writer.line("_bucket", "le", bound, cumulative);
  }
  writer.line("_bucket", "le", std::numeric_limits<double>::infinity(), histogram.count);
  writer.line("_sum", histogram.sum);
  writer.line("_count", histogram.count);
}

void write_summary(SampleWriter& writer, const SummaryValue& summary) {
  for (const auto& [quantile, value] : summary.quantiles) writer.line("", "quantile", quantile, value);
  writer.line("_sum", summary.sum);
  writer.line("_count", summary.count);
}

// A rough upper bound of the family's encoded size, so that a fresh buffer grows once.
std::size_t estimate_size(const MetricFamily& family) {
  constexpr std::size_t kPerLine = 48;  // separators, an extra label, a value and a timestamp
  std::size_t size = 2 * family.name.size() + family.help.size() + 32;
  for (const Series& series : family.series) {
    std::size_t lines = series.created ? 2 : 1;
    if (const auto* histogram = std::get_if<HistogramValue>(&series.value)) {
      lines = histogram->buckets.size() + 3;
    } else if (const auto* summary = std::get_if<SummaryValue>(&series.value)) {
      lines = summary->quantiles.size() + 2;
    }
    size += lines * (family.name.size() + series.labels.size() + kPerLine);
  }
  return size;
}

// Writes HELP and TYPE; returns the name samples are written under and a scalar's suffix.
std::pair<std::string_view, std::string_view> write_header(std::string& out, const Dialect& dialect,
                                                           std::string_view family_name, std::string_view help,
                                                           MetricType type) {
  // OpenMetrics names a counter's family without `_total` and its sample with it;
  // our model keeps the text 0.0.4 name, which usually already ends in `_total`.
  std::string_view scalar_suffix;
  if (dialect.openmetrics && type == MetricType::kCounter) {
    if (family_name.ends_with(kTotalSuffix) && family_name.size() > kTotalSuffix.size()) {
      family_name.remove_suffix(kTotalSuffix.size());
    }
    scalar_suffix = kTotalSuffix;
  }

  const std::string_view type_name = dialect.type_name(type);
  if (!help.empty() && dialect.help_needs_escaping(help)) {
    out += "# HELP ";
    out += family_name;
    out += ' ';
    dialect.append_escaped_help(out, help);
    out += '\n';
    help = {};  // written
  }
  // Both lines in one piece, as write_sink_family writes its samples.
  constexpr std::string_view kHelp = "# HELP ", kType = "# TYPE ";
  const std::size_t help_size = help.empty() ? 0 : kHelp.size() + family_name.size() + 1 + help.size() + 1;
  const std::size_t start = out.size();
  out.resize(start + help_size + kType.size() + family_name.size() + 1 + type_name.size() + 1);
  char* at = out.data() + start;
  const auto put = [&at](std::string_view text) { at = std::copy(text.begin(), text.end(), at); };
  if (!help.empty()) {
    put(kHelp);
    put(family_name);
    *at++ = ' ';
    put(help);
    *at++ = '\n';
  }
  put(kType);
  put(family_name);
  *at++ = ' ';
  put(type_name);
  *at = '\n';
  return {family_name, scalar_suffix};
}

void write_family(std::string& out, const Dialect& dialect, const MetricFamily& family) {
  const auto [family_name, scalar_suffix] = write_header(out, dialect, family.name, family.help, family.type);
  for (const Series& series : family.series) {
    SampleWriter writer(out, dialect, family_name, series);
    if (const auto* histogram = std::get_if<HistogramValue>(&series.value)) {
      write_histogram(writer, *histogram);
    } else if (const auto* summary = std::get_if<SummaryValue>(&series.value)) {
      write_summary(writer, *summary);
    } else {
      writer.line(scalar_suffix, std::get<double>(series.value));
      // As client_golang: a counter's start time, so that a restart is told from a reset.
      if (dialect.openmetrics && family.type == MetricType::kCounter && series.created) {
        writer.line("_created", *series.created);
      }
    }
  }
}

}  // namespace

// A sink family: scalar samples only, labels already rendered in the sink's arena.
// Its lines are written with memcpy into room made once for the family: appending
// piece by piece checked the string's capacity eight times a line.
void write_sink_family(std::string& out, const Dialect& dialect, const Sink& sink, const Sink::Entry& entry) {
  const FamilyDescriptor& family = *entry.family;
  const auto [name, suffix] = write_header(out, dialect, family.name, family.help, family.type);
  const auto samples = sink.samples_of(entry);
  const std::size_t fixed_per_line = name.size() + suffix.size() + std::string_view("{} \n").size() + kMaxDoubleText;
  std::size_t room = samples.size() * fixed_per_line;
  for (const Sink::Sample& sample : samples) room += sample.label_size;

  const std::size_t start = out.size();
  out.resize(start + room);
  char* at = out.data() + start;
  const auto put = [&at](std::string_view text) { at = std::copy(text.begin(), text.end(), at); };
  for (const Sink::Sample& sample : samples) {
    put(name);
    put(suffix);
    const std::string_view labels = sink.labels_of(sample);
    if (!labels.empty()) {
      *at++ = '{';
      put(labels);
      *at++ = '}';
    }
    *at++ = ' ';
    at = write_double(at, sample.value);
    *at++ = '\n';
  }
  out.resize(static_cast<std::size_t>(at - out.data()));
}

void encode(const std::vector<MetricFamily>& families, Format format, std::string& out) {
  const Dialect dialect{format == Format::kOpenMetrics100};

  std::size_t estimate = 16;
  for (const MetricFamily& family : families) estimate += estimate_size(family);
  out.reserve(out.size() + estimate);

  for (const MetricFamily& family : families) {
    if (!family.series.empty()) write_family(out, dialect, family);
  }
  if (dialect.openmetrics) out += "# EOF\n";
}

void encode(const Sink& sink, Format format, std::string& out) {
  const Dialect dialect{format == Format::kOpenMetrics100};
  for (const Sink::Entry& entry : sink.entries()) {
    if (entry.family == nullptr) {
      const MetricFamily& family = sink.adopted(entry);
      if (!family.series.empty()) write_family(out, dialect, family);
    } else if (entry.sample_count != 0) {
      write_sink_family(out, dialect, sink, entry);
    }
  }
  if (dialect.openmetrics) out += "# EOF\n";
}

}  // namespace host_exporter::exposition
