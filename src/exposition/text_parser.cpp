#include "exposition/text_parser.hpp"

// The rules mirror what node_exporter's textfile collector and Pushgateway accept
// (both read pushes and files with Go's expfmt.TextParser and then check the
// result with client_golang's registry). Like expfmt, a metric's lines may be
// scattered: lines of a name seen before join its family, and a histogram or
// summary series its earlier samples. Deliberate differences:
// - a last line without a newline is accepted (expfmt wants one);
// - histograms need non-decreasing buckets and a +Inf bucket equal to _count
//   (one is made from _count when missing, as node_exporter does; a series with
//   neither is refused), and `le`/`quantile` on a histogram's or summary's
//   _sum/_count is refused (expfmt drops it silently). Elsewhere `le` and
//   `quantile` are ordinary labels, as in Prometheus;
// - HELP text must be valid UTF-8, like label values;
// - quoted (UTF-8) metric and label names and gauge_histogram are not supported.
// A histogram or summary is checked once the whole input is read, so its errors
// come after any syntax error; among them, the one on the earliest line wins.

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "exposition/histogram_assembly.hpp"
#include "exposition/parse_message.hpp"
#include "exposition/text_number.hpp"

namespace host_exporter::exposition {

std::string ParseError::message() const {
  if (line == 0) return reason;
  return "line " + std::to_string(line) + ": " + reason;
}

namespace {

using Outcome = std::optional<ParseError>;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_label_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_label_name_char(char c) { return is_label_name_start(c) || (c >= '0' && c <= '9'); }
bool is_metric_name_start(char c) { return is_label_name_start(c) || c == ':'; }
bool is_metric_name_char(char c) { return is_label_name_char(c) || c == ':'; }

// Strict UTF-8 as Go's utf8.ValidString sees it: no overlong forms, no
// surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (n - i < length) return false;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < low || second > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < 0x80 || next > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

std::string quote_char(char c) { return quote(std::string_view(&c, 1)); }

// The bad token of a line that ends in \r was most likely written with CRLF.
std::string with_line_ending_hint(std::string reason, std::string_view token) {
  if (!token.empty() && token.back() == '\r') reason += " (the line ends in \\r: lines must end in \\n only)";
  return reason;
}

// One line, read left to right.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void advance() { ++pos_; }
  void skip_blanks() {
    while (!at_end() && is_blank(peek())) ++pos_;
  }
  template <typename Predicate>
  std::string_view take_while(Predicate predicate) {
    const std::size_t start = pos_;
    while (!at_end() && predicate(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string_view take_until_blank() {
    return take_while([](char c) { return !is_blank(c); });
  }
  std::string_view rest() {
    const std::string_view out = text_.substr(std::min(pos_, text_.size()));
    pos_ = text_.size();
    return out;
  }
  std::string_view remaining() const { return text_.substr(std::min(pos_, text_.size())); }
  void skip(std::size_t count) { pos_ += count; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// What a sample name is within its family: `foo_bucket` of histogram `foo` is a
// bucket, `foo_sum` of summary `foo` a sum, and so on.
enum class Role { kPlain, kBucket, kSum, kCount };

enum class SeriesKind { kScalar, kHistogram, kSummary };

struct Label {
  std::string_view name;
  std::string value;  // unescaped
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using Index = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;

struct FamilyState {
  MetricFamily family;
  std::size_t last_line = 0;
  bool has_help = false;
  bool type_from_line = false;  // a TYPE line set the type
  bool type_fixed = false;      // a TYPE line or a sample did (no TYPE line after that)
  Index series_index;           // sorted label text -> position in family.series
  std::vector<SeriesParts> parts;  // parallel to family.series
};

class TextParser {
 public:
  std::variant<std::vector<MetricFamily>, ParseError> run(std::string_view input);

 private:
  Outcome parse_line(std::string_view line);
  Outcome parse_comment(Cursor& cursor);
  Outcome parse_sample(Cursor& cursor);
  Outcome parse_labels(Cursor& cursor);
  Outcome parse_label_value(Cursor& cursor, std::string_view name, std::string& value);
  Outcome parse_type(FamilyState& state, std::string_view token);
  Outcome record(std::size_t family_index, std::string_view sample_name, Role role, double value,
                 std::optional<std::int64_t> timestamp);
  Outcome record_scalar(FamilyState& state, std::string_view sample_name, double value,
                        std::optional<std::int64_t> timestamp);
  Outcome record_histogram(FamilyState& state, std::string_view sample_name, Role role, double value,
                           std::optional<std::int64_t> timestamp);
  Outcome record_summary(FamilyState& state, std::string_view sample_name, Role role, double value,
                         std::optional<std::int64_t> timestamp);
  Outcome check_count(std::string_view what, double value);
  Outcome parse_special_label(std::string_view label, std::string_view sample_name, double& number);
  template <typename Value>
  Outcome record_part(FamilyState& state, std::string_view sample_name, Role role, double point, double value,
                      std::optional<std::int64_t> timestamp);
  std::size_t find_or_add_series(FamilyState& state, SeriesKind kind);

  std::pair<std::size_t, Role> resolve(std::string_view name) const;
  void enter_family(std::string_view name, std::size_t& family_index, Role& role);
  std::size_t find_family(std::string_view name) const;
  Outcome assemble();

  ParseError fail(std::string reason) const { return ParseError{line_, std::move(reason)}; }

  std::size_t line_ = 0;
  std::vector<FamilyState> families_;
  Index family_index_;

  // Per-sample scratch, kept to spare allocations.
  std::vector<Label> labels_;
  std::vector<std::size_t> order_;
  std::string key_;
  std::optional<std::size_t> special_label_;  // le or quantile, when it is one here

  static constexpr std::size_t kNoFamily = std::numeric_limits<std::size_t>::max();
};

std::variant<std::vector<MetricFamily>, ParseError> TextParser::run(std::string_view input) {
  std::size_t start = 0;
  while (start < input.size()) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();  // a last line without newline
    ++line_;
    if (Outcome error = parse_line(input.substr(start, end - start))) return *std::move(error);
    start = end + 1;
  }
  if (Outcome error = assemble()) return *std::move(error);
  std::vector<MetricFamily> out;
  for (FamilyState& state : families_) {
    if (!state.family.series.empty()) out.push_back(std::move(state.family));
  }
  return out;
}

Outcome TextParser::parse_line(std::string_view line) {
  Cursor cursor(line);
  cursor.skip_blanks();
  if (cursor.at_end()) return std::nullopt;
  if (cursor.peek() == '#') {
    cursor.advance();
    return parse_comment(cursor);
  }
  return parse_sample(cursor);
}

Outcome TextParser::parse_comment(Cursor& cursor) {
  cursor.skip_blanks();
  const std::string_view keyword = cursor.take_until_blank();
  if (cursor.at_end() || (keyword != "HELP" && keyword != "TYPE")) return std::nullopt;  // a plain comment
  cursor.skip_blanks();
  const std::string_view name =
      (!cursor.at_end() && is_metric_name_start(cursor.peek())) ? cursor.take_while(is_metric_name_char)
                                                                : std::string_view();
  if (cursor.at_end()) return std::nullopt;  // `# HELP name` with nothing more says nothing
  if (!is_blank(cursor.peek())) {
    const std::string_view tail = cursor.take_until_blank();
    return fail("invalid metric name " + quote(std::string(name) + std::string(tail)) + " in " +
                std::string(keyword) + " line");
  }
  std::size_t index = kNoFamily;
  Role role = Role::kPlain;
  enter_family(name, index, role);
  cursor.skip_blanks();
  if (cursor.at_end()) return std::nullopt;
  FamilyState& state = families_[index];
  if (keyword == "TYPE") return parse_type(state, cursor.rest());

  if (state.has_help) return fail("second HELP line for metric " + quote(state.family.name));
  // HELP escapes backslash and newline; Go's parser also takes \" for a quote.
  const std::string_view text = cursor.rest();
  std::string help;
  help.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      help += text[i];
      continue;
    }
    if (++i == text.size()) return fail("HELP text ends in a lone backslash");
    switch (text[i]) {
      case '\\': help += '\\'; break;
      case 'n': help += '\n'; break;
      case '"': help += '"'; break;
      default: return fail("invalid escape sequence " + quote(text.substr(i - 1, 2)) + " in HELP text");
    }
  }
  if (!is_valid_utf8(help)) return fail("HELP text for metric " + quote(state.family.name) + " is not valid UTF-8");
  state.family.help = std::move(help);
  state.has_help = true;
  return std::nullopt;
}

Outcome TextParser::parse_type(FamilyState& state, std::string_view token) {
  const std::string& name = state.family.name;
  if (state.type_from_line) return fail("second TYPE line for metric " + quote(name));
  if (state.type_fixed) return fail("TYPE line for metric " + quote(name) + " comes after its samples");
  // Go matches the type names in any letter case (and with trailing blanks, not at all).
  std::string lower(token);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  MetricType type = MetricType::kUntyped;
  if (lower == "counter") {
    type = MetricType::kCounter;
  } else if (lower == "gauge") {
    type = MetricType::kGauge;
  } else if (lower == "histogram") {
    type = MetricType::kHistogram;
  } else if (lower == "summary") {
    type = MetricType::kSummary;
  } else if (lower == "untyped") {
    type = MetricType::kUntyped;
  } else if (lower == "gauge_histogram") {
    return fail("unsupported metric type " + quote(token) + " for metric " + quote(name));
  } else {
    return fail(with_line_ending_hint("unknown metric type " + quote(token) + " for metric " + quote(name), token));
  }
  // A histogram or summary owns the _sum/_count (and _bucket) names: samples
  // already seen under one of them would clash with it.
  if (type == MetricType::kHistogram || type == MetricType::kSummary) {
    for (std::string_view suffix : {"_sum", "_count", "_bucket"}) {
      if (suffix == "_bucket" && type != MetricType::kHistogram) continue;
      const std::size_t other = find_family(name + std::string(suffix));
      if (other != kNoFamily && !families_[other].family.series.empty()) {
        return fail("metric " + quote(families_[other].family.name) + " seen on line " +
                    std::to_string(families_[other].last_line) + " clashes with " + std::string(to_string(type)) +
                    " " + quote(name));
      }
    }
  }
  state.family.type = type;
  state.type_from_line = true;
  state.type_fixed = true;
  return std::nullopt;
}

Outcome TextParser::parse_sample(Cursor& cursor) {
  if (!is_metric_name_start(cursor.peek())) {
    if (cursor.peek() == '{') return fail("missing metric name before '{'");
    const std::string_view token = cursor.take_while([](char c) { return !is_blank(c) && c != '{'; });
    return fail("invalid metric name " + quote(token));
  }
  const std::string_view name = cursor.take_while(is_metric_name_char);
  std::size_t index = kNoFamily;
  Role role = Role::kPlain;
  enter_family(name, index, role);
  families_[index].type_fixed = true;

  cursor.skip_blanks();
  labels_.clear();
  const bool has_labels = !cursor.at_end() && cursor.peek() == '{';
  if (has_labels) {
    if (Outcome error = parse_labels(cursor)) return error;
    cursor.skip_blanks();
  }
  const std::string_view value_text = cursor.take_until_blank();
  if (value_text.empty()) {
    return fail(has_labels ? "expected a value after the labels" : "expected a value after the metric name");
  }
  const std::optional<double> value = parse_text_float(value_text);
  if (!value) return fail(with_line_ending_hint("invalid value " + quote(value_text), value_text));

  std::optional<std::int64_t> timestamp;
  if (!cursor.at_end()) {
    cursor.skip_blanks();
    const std::string_view timestamp_text = cursor.take_until_blank();
    if (timestamp_text.empty()) return fail("unexpected blank at the end of the line");
    timestamp = parse_text_timestamp(timestamp_text);
    if (!timestamp) {
      return fail(with_line_ending_hint(
          "invalid timestamp " + quote(timestamp_text) + " (expected integer milliseconds)", timestamp_text));
    }
    if (!cursor.at_end()) return fail("unexpected text after the timestamp: " + quote(cursor.rest()));
  }
  return record(index, name, role, *value, timestamp);
}

Outcome TextParser::parse_labels(Cursor& cursor) {
  cursor.advance();  // '{'
  while (true) {
    cursor.skip_blanks();
    if (cursor.at_end()) return fail("missing '}' at the end of the labels");
    if (cursor.peek() == '}') {
      cursor.advance();
      return std::nullopt;
    }
    const std::string_view name =
        is_label_name_start(cursor.peek()) ? cursor.take_while(is_label_name_char) : std::string_view();
    if (name.empty() || (!cursor.at_end() && cursor.peek() != '=' && !is_blank(cursor.peek()))) {
      const std::string_view tail =
          cursor.take_while([](char c) { return !is_blank(c) && c != '=' && c != ',' && c != '}' && c != '"'; });
      if (name.empty() && tail.empty()) {
        return fail("expected a label name, found " + (cursor.at_end() ? "the end of the line" : quote_char(cursor.peek())));
      }
      return fail("invalid label name " + quote(std::string(name) + std::string(tail)));
    }
    if (name.starts_with("__")) {
      return fail("label name " + quote(name) + " is reserved (names starting with __ are for Prometheus itself)");
    }
    cursor.skip_blanks();
    if (cursor.at_end() || cursor.peek() != '=') return fail("expected '=' after label name " + quote(name));
    cursor.advance();
    cursor.skip_blanks();
    if (cursor.at_end() || cursor.peek() != '"') {
      return fail("expected '\"' to start the value of label " + quote(name));
    }
    cursor.advance();
    Label& label = labels_.emplace_back();
    label.name = name;
    if (Outcome error = parse_label_value(cursor, name, label.value)) return error;
    cursor.skip_blanks();
    if (cursor.at_end()) return fail("missing '}' at the end of the labels");
    if (cursor.peek() == ',') {
      cursor.advance();
      continue;
    }
    if (cursor.peek() == '}') {
      cursor.advance();
      return std::nullopt;
    }
    return fail("expected ',' or '}' after the value of label " + quote(name) + ", found " +
                quote_char(cursor.peek()));
  }
}

Outcome TextParser::parse_label_value(Cursor& cursor, std::string_view name, std::string& value) {
  const std::string_view text = cursor.remaining();
  value.clear();
  std::size_t i = 0;
  while (true) {
    const std::size_t stop = text.find_first_of("\"\\", i);
    if (stop == std::string_view::npos) {
      return fail("value of label " + quote(name) + " is not closed by '\"' before the end of the line");
    }
    value.append(text.substr(i, stop - i));
    if (text[stop] == '"') {
      cursor.skip(stop + 1);
      break;
    }
    if (stop + 1 == text.size()) {
      return fail("value of label " + quote(name) + " is not closed by '\"' before the end of the line");
    }
    switch (text[stop + 1]) {
      case '\\': value += '\\'; break;
      case '"': value += '"'; break;
      case 'n': value += '\n'; break;
      default:
        return fail("invalid escape sequence " + quote(text.substr(stop, 2)) + " in the value of label " + quote(name));
    }
    i = stop + 2;
  }
  if (!is_valid_utf8(value)) return fail("value of label " + quote(name) + " is not valid UTF-8");
  return std::nullopt;
}

std::size_t TextParser::find_family(std::string_view name) const {
  const auto it = family_index_.find(name);
  return it == family_index_.end() ? kNoFamily : it->second;
}

// The family a name belongs to, as Go's parser decides: the family of that exact
// name if there is one; else, for a _sum/_count (and _bucket) name, the summary
// (histogram) family of the base name, if its TYPE line made it one.
std::pair<std::size_t, Role> TextParser::resolve(std::string_view name) const {
  if (const std::size_t exact = find_family(name); exact != kNoFamily) return {exact, Role::kPlain};
  const struct {
    std::string_view suffix;
    Role role;
  } suffixes[] = {{"_bucket", Role::kBucket}, {"_sum", Role::kSum}, {"_count", Role::kCount}};
  for (const auto& [suffix, role] : suffixes) {
    if (name.size() <= suffix.size() || !name.ends_with(suffix)) continue;
    const std::size_t base = find_family(name.substr(0, name.size() - suffix.size()));
    if (base == kNoFamily || !families_[base].type_from_line) continue;
    const MetricType type = families_[base].family.type;
    if (type == MetricType::kHistogram || (type == MetricType::kSummary && role != Role::kBucket)) {
      return {base, role};
    }
  }
  return {kNoFamily, Role::kPlain};
}

// The family of a HELP, TYPE or sample line, created on the name's first appearance.
void TextParser::enter_family(std::string_view name, std::size_t& family_index, Role& role) {
  std::tie(family_index, role) = resolve(name);
  if (family_index == kNoFamily) {
    family_index = families_.size();
    FamilyState& state = families_.emplace_back();
    state.family.name = std::string(name);
    family_index_.emplace(state.family.name, family_index);
  }
  families_[family_index].last_line = line_;
}

Outcome TextParser::record(std::size_t family_index, std::string_view sample_name, Role role, double value,
                           std::optional<std::int64_t> timestamp) {
  FamilyState& state = families_[family_index];
  // Duplicate label names, found by sorting so a sample with many labels stays cheap.
  order_.resize(labels_.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::sort(order_.begin(), order_.end(),
            [this](std::size_t a, std::size_t b) { return labels_[a].name < labels_[b].name; });
  for (std::size_t i = 1; i < order_.size(); ++i) {
    if (labels_[order_[i]].name == labels_[order_[i - 1]].name) {
      return fail("duplicate label " + quote(labels_[order_[i]].name) + " in " + quote(sample_name));
    }
  }
  // `le` of a histogram and `quantile` of a summary are not series labels.
  std::string_view special;
  if (state.family.type == MetricType::kHistogram) special = "le";
  if (state.family.type == MetricType::kSummary) special = "quantile";
  special_label_.reset();
  key_.clear();
  for (std::size_t i : order_) {
    if (!special.empty() && labels_[i].name == special) {
      special_label_ = i;
      continue;
    }
    append_label(key_, labels_[i].name, labels_[i].value);
  }
  switch (state.family.type) {
    case MetricType::kHistogram: return record_histogram(state, sample_name, role, value, timestamp);
    case MetricType::kSummary: return record_summary(state, sample_name, role, value, timestamp);
    case MetricType::kCounter:
    case MetricType::kGauge:
    case MetricType::kUntyped: break;
  }
  return record_scalar(state, sample_name, value, timestamp);
}

// The series of the current sample's label set (key_), added if new.
std::size_t TextParser::find_or_add_series(FamilyState& state, SeriesKind kind) {
  if (const auto it = state.series_index.find(key_); it != state.series_index.end()) return it->second;
  const std::size_t position = state.family.series.size();
  Series& series = state.family.series.emplace_back();
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    if (special_label_ && *special_label_ == i) continue;
    append_label(series.labels, labels_[i].name, labels_[i].value);
  }
  if (kind == SeriesKind::kHistogram) series.value = HistogramValue{};
  if (kind == SeriesKind::kSummary) series.value = SummaryValue{};
  state.series_index.emplace(key_, position);
  state.parts.push_back(SeriesParts{line_, 0, 0, {}});
  return position;
}

Outcome TextParser::record_scalar(FamilyState& state, std::string_view sample_name, double value,
                                  std::optional<std::int64_t> timestamp) {
  const std::size_t before = state.family.series.size();
  const std::size_t position = find_or_add_series(state, SeriesKind::kScalar);
  if (position < before) {
    return fail("duplicate series " + describe_series(sample_name, state.family.series[position].labels) +
                " (first seen on line " + std::to_string(state.parts[position].first_line) + ")");
  }
  Series& series = state.family.series[position];
  series.value = value;
  series.timestamp_ms = timestamp;
  return std::nullopt;
}

Outcome TextParser::check_count(std::string_view what, double value) {
  if (std::isnan(value) || value < 0) {
    return fail(std::string(what) + " must be a non-negative number, got " + format_number(value));
  }
  return std::nullopt;
}

// The le or quantile label of this sample as a number.
Outcome TextParser::parse_special_label(std::string_view label, std::string_view sample_name, double& number) {
  const std::string& text = labels_[*special_label_].value;
  const std::optional<double> parsed = parse_text_float(text);
  if (!parsed) return fail("invalid " + std::string(label) + " label " + quote(text) + ": expected a number");
  if (std::isnan(*parsed)) return fail(std::string(label) + " label of " + quote(sample_name) + " is NaN");
  number = *parsed;
  return std::nullopt;
}

// Keeps one sample of a histogram or summary series: its sum or its count (once
// each), or else a bucket or quantile point at `point`.
template <typename Value>
Outcome TextParser::record_part(FamilyState& state, std::string_view sample_name, Role role, double point,
                                double value, std::optional<std::int64_t> timestamp) {
  constexpr SeriesKind kind = std::is_same_v<Value, HistogramValue> ? SeriesKind::kHistogram : SeriesKind::kSummary;
  const std::size_t position = find_or_add_series(state, kind);
  Series& series = state.family.series[position];
  SeriesParts& parts = state.parts[position];
  if (role == Role::kSum || role == Role::kCount) {
    std::size_t& seen = role == Role::kSum ? parts.sum_line : parts.count_line;
    if (seen != 0) {
      return fail("duplicate series " + describe_series(sample_name, series.labels) + " (first seen on line " +
                  std::to_string(seen) + ")");
    }
    seen = line_;
    auto& whole = std::get<Value>(series.value);
    (role == Role::kSum ? whole.sum : whole.count) = value;
  } else {
    parts.points.push_back(SeriesPoint{point, value, line_});
  }
  if (timestamp) series.timestamp_ms = timestamp;
  return std::nullopt;
}

Outcome TextParser::record_histogram(FamilyState& state, std::string_view sample_name, Role role, double value,
                                     std::optional<std::int64_t> timestamp) {
  const std::string& family = state.family.name;
  double bound = 0;
  switch (role) {
    case Role::kPlain:
      return fail("sample " + quote(sample_name) + " of histogram " + quote(family) + " must be named " +
                  family + "_bucket, " + family + "_sum or " + family + "_count");
    case Role::kBucket:
      if (!special_label_) return fail("histogram bucket " + quote(sample_name) + " has no le label");
      if (Outcome error = parse_special_label("le", sample_name, bound)) return error;
      if (Outcome error = check_count("bucket count", value)) return error;
      break;
    case Role::kSum:
    case Role::kCount:
      if (special_label_) return fail("le label on " + quote(sample_name) + ": only " + family + "_bucket has one");
      if (role == Role::kCount) {
        if (Outcome error = check_count("histogram count", value)) return error;
      }
      break;
  }
  return record_part<HistogramValue>(state, sample_name, role, bound, value, timestamp);
}

Outcome TextParser::record_summary(FamilyState& state, std::string_view sample_name, Role role, double value,
                                   std::optional<std::int64_t> timestamp) {
  const std::string& family = state.family.name;
  double quantile = 0;
  if (role == Role::kPlain) {
    if (!special_label_) return fail("summary sample " + quote(sample_name) + " has no quantile label");
    if (Outcome error = parse_special_label("quantile", sample_name, quantile)) return error;
  } else {
    if (special_label_) {
      return fail("quantile label on " + quote(sample_name) + ": only " + family + " samples have one");
    }
    if (role == Role::kCount) {
      if (Outcome error = check_count("summary count", value)) return error;
    }
  }
  return record_part<SummaryValue>(state, sample_name, role, quantile, value, timestamp);
}

// Checks and puts together every histogram and summary series.
Outcome TextParser::assemble() {
  Outcome first;
  for (FamilyState& state : families_) {
    const MetricType type = state.family.type;
    if (type != MetricType::kHistogram && type != MetricType::kSummary) continue;
    for (std::size_t s = 0; s < state.family.series.size(); ++s) {
      Series& series = state.family.series[s];
      Outcome error = type == MetricType::kHistogram
                          ? assemble_histogram(state.family.name, series.labels, state.parts[s],
                                               std::get<HistogramValue>(series.value))
                          : assemble_summary(state.family.name, series.labels, state.parts[s],
                                             std::get<SummaryValue>(series.value));
      if (error && (!first || error->line < first->line)) first = std::move(error);
    }
  }
  return first;
}

}  // namespace

std::variant<std::vector<MetricFamily>, ParseError> parse_text(std::string_view input) {
  return TextParser().run(input);
}

}  // namespace host_exporter::exposition
