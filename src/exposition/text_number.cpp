#include "exposition/text_number.hpp"
#include "metrics/double_chars.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace host_exporter::exposition {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (to_lower(text[i]) != lower[i]) return false;
  }
  return true;
}

// Go spells infinity `inf` or `infinity` (any case, optional sign) and NaN `nan`
// (any case, no sign).
std::optional<double> parse_special(std::string_view text) {
  if (equals_ignoring_case(text, "nan")) return std::numeric_limits<double>::quiet_NaN();
  double sign = 1;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    if (text[0] == '-') sign = -1;
    text.remove_prefix(1);
  }
  if (equals_ignoring_case(text, "inf") || equals_ignoring_case(text, "infinity")) {
    return sign * std::numeric_limits<double>::infinity();
  }
  return std::nullopt;
}

// The decimal grammar: digits with at most one dot (at least one digit), then
// optionally e/E, an optional sign and at least one digit. `magnitude` is set to
// the power of ten of the leading non-zero digit plus one (0 when all digits are
// zero), which tells overflow from underflow when from_chars says out of range.
bool scan_decimal(std::string_view text, long long& magnitude) {
  std::size_t i = 0;
  bool saw_digit = false;
  bool saw_dot = false;
  bool saw_nonzero = false;
  long long int_digits = 0;    // digits before the dot, from the first non-zero one
  long long lead_zeros = 0;    // zeros after the dot before the first non-zero digit
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (saw_dot) return false;
      saw_dot = true;
    } else if (is_digit(c)) {
      saw_digit = true;
      if (c != '0') saw_nonzero = true;
      if (!saw_dot) {
        if (saw_nonzero) ++int_digits;
      } else if (!saw_nonzero) {
        ++lead_zeros;
      }
    } else {
      break;
    }
  }
  if (!saw_digit) return false;
  long long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      negative = text[i] == '-';
      ++i;
    }
    if (i >= text.size() || !is_digit(text[i])) return false;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (exponent < 1'000'000) exponent = exponent * 10 + (text[i] - '0');
    }
    if (negative) exponent = -exponent;
  }
  if (i != text.size()) return false;
  magnitude = !saw_nonzero ? 0 : (int_digits > 0 ? int_digits : -lead_zeros) + exponent;
  return true;
}

}  // namespace

std::optional<double> parse_text_float(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (auto special = parse_special(text)) return special;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  long long magnitude = 0;
  if (!scan_decimal(text, magnitude)) return std::nullopt;
  double value = 0;
  const auto [end, ec] = parse_double(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    if (magnitude > 0) return std::nullopt;  // overflow: Go reports a range error
    value = 0;                               // underflow: Go rounds to zero
  } else if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

std::optional<std::int64_t> parse_text_timestamp(std::string_view text) {
  // from_chars takes a leading '-' but not '+'; Go takes either, once.
  std::size_t first_digit = 0;
  if (!text.empty() && text[0] == '+') {
    text.remove_prefix(1);
  } else if (!text.empty() && text[0] == '-') {
    first_digit = 1;
  }
  if (first_digit >= text.size() || !is_digit(text[first_digit])) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 10);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace host_exporter::exposition
