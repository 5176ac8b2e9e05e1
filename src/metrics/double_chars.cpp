#include "metrics/double_chars.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

// Which library overloads exist (an #if: a discarded `if constexpr` branch outside a
// template must still compile).
#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 200000
#define HX_LIBRARY_FROM_CHARS_DOUBLE 0
#else
#define HX_LIBRARY_FROM_CHARS_DOUBLE 1
#endif
#if defined(_LIBCPP_VERSION) && (_LIBCPP_VERSION < 140000 || defined(__APPLE__))
#define HX_LIBRARY_TO_CHARS_DOUBLE 0
#else
#define HX_LIBRARY_TO_CHARS_DOUBLE 1
#endif

namespace host_exporter {

namespace {


DoubleCharsResult copy_out(char* first, char* last, std::string_view text) {
  if (static_cast<std::size_t>(last - first) < text.size()) return {last, std::errc::value_too_large};
  std::memcpy(first, text.data(), text.size());
  return {first + text.size(), std::errc()};
}

}  // namespace

DoubleCharsResult write_shortest_double_fallback(char* first, char* last, double value) {
  if (value == 0) return copy_out(first, last, std::signbit(value) ? "-0" : "0");
  // The fewest significant digits that read back exactly, in scientific form.
  char scientific[40];
  for (int precision = 0; precision <= 17; ++precision) {
    std::snprintf(scientific, sizeof scientific, "%.*e", precision, value);
    if (std::strtod(scientific, nullptr) == value) break;
  }
  // Split "-d.ddde+XX" into sign, digits and exponent.
  std::string text(scientific);
  std::string sign;
  if (text[0] == '-') {
    sign = "-";
    text.erase(0, 1);
  }
  const std::size_t e = text.find('e');
  std::string digits = text.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // the decimal point
  const int exponent = std::atoi(text.c_str() + e + 1);

  std::string sci = sign + digits.substr(0, 1);
  if (digits.size() > 1) sci += "." + digits.substr(1);
  char exponent_text[16];
  std::snprintf(exponent_text, sizeof exponent_text, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  sci += exponent_text;

  std::string fixed = sign;
  const int count = static_cast<int>(digits.size());
  if (exponent >= 0) {
    if (count <= exponent + 1) {
      // An integer: to_chars writes its exact decimal value (2^70 is 1180591620717411303424),
      // which printf's %.0f gives too; the length is the same as the padded digits.
      char integer[320];
      std::snprintf(integer, sizeof integer, "%.0f", value < 0 ? -value : value);
      fixed += integer;
    } else {
      fixed += digits.substr(0, static_cast<std::size_t>(exponent + 1)) + "." +
               digits.substr(static_cast<std::size_t>(exponent + 1));
    }
  } else {
    fixed += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  }
  return copy_out(first, last, fixed.size() <= sci.size() ? fixed : sci);
}

ParsedDouble parse_double_fallback(const char* first, const char* last, double& value) {
  if (first == last || *first == '+' || *first == ' ' || *first == '\t') return {first, std::errc::invalid_argument};
  const std::string copy(first, last);
  char* end = nullptr;
  errno = 0;
  const double parsed = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str()) return {first, std::errc::invalid_argument};
  const char* stop = first + (end - copy.c_str());
  // strtod flags a subnormal result with ERANGE too; from_chars only what it cannot represent.
  if (errno == ERANGE && (parsed == 0 || std::isinf(parsed))) return {stop, std::errc::result_out_of_range};
  value = parsed;
  return {stop, std::errc()};
}

namespace {

// Most samples are counters holding integers. An integer below 2^53 is exact, and its shortest
// round-trip digits are its own without trailing zeros, so its fixed text is the integer
// itself; that is the answer unless the scientific text ("d.ddde+XX") is shorter. Writes it and
// returns true, or returns false for the general algorithm to decide.
bool write_small_integer(char* first, char* last, double value, DoubleCharsResult& result) {
  constexpr double kExact = 9007199254740992.0;  // 2^53
  if (!(value > -kExact && value < kExact)) return false;  // 0 and -0 never get here
  const auto whole = static_cast<std::int64_t>(value);
  if (static_cast<double>(whole) != value) return false;
  const bool negative = whole < 0;
  char digits[20];
  const auto written = std::to_chars(digits, digits + sizeof digits, negative ? -whole : whole);
  const auto length = static_cast<std::size_t>(written.ptr - digits);
  std::size_t significant = length;
  while (significant > 1 && digits[significant - 1] == '0') --significant;
  const std::size_t scientific = significant + (significant > 1 ? 1 : 0) + 4;  // the exponent is below 100
  if (length > scientific) return false;  // 1e+06 beats 1000000; a tie goes to fixed, as in to_chars
  const std::size_t needed = length + (negative ? 1 : 0);
  if (static_cast<std::size_t>(last - first) < needed) {
    result = {last, std::errc::value_too_large};
    return true;
  }
  if (negative) *first++ = '-';
  std::memcpy(first, digits, length);
  result = {first + length, std::errc()};
  return true;
}

// Most other samples are ticks or milliseconds turned into seconds: one to three decimals
// (12345.67). Below 2^40 a double's spacing is under 1.3e-4, so at most one text with k <= 3
// decimals reads back as the value; value * 10^k lands within 0.2 of that text's digits m, so
// rounding finds m; and m / 10^k (m and 10^k exact, the division correctly rounded, as
// parsing is) tells whether it reads back. The fewest decimals that do are the shortest
// text, and fixed notation is then never longer than scientific. Writes it and returns
// true, or returns false for the general algorithm.
bool write_short_decimal(char* first, char* last, double value, DoubleCharsResult& result) {
  constexpr double kBelow = 1099511627776.0;  // 2^40
  if (!(value > -kBelow && value < kBelow) || value == std::trunc(value)) return false;  // integers are not ours
  const bool negative = value < 0;
  const double magnitude = negative ? -value : value;
  std::int64_t scale = 1;
  for (int decimals = 1; decimals <= 3; ++decimals) {
    scale *= 10;
    const auto scaled = static_cast<std::int64_t>(magnitude * static_cast<double>(scale) + 0.5);
    if (static_cast<double>(scaled) / static_cast<double>(scale) != magnitude) continue;
    char text[24];
    char* end = text;
    if (negative) *end++ = '-';
    end = std::to_chars(end, text + sizeof text, scaled / scale).ptr;
    *end++ = '.';
    for (std::int64_t digit = scale / 10, fraction = scaled % scale; digit > 0; digit /= 10) {
      *end++ = static_cast<char>('0' + fraction / digit % 10);
    }
    const auto length = static_cast<std::size_t>(end - text);
    if (static_cast<std::size_t>(last - first) < length) {
      result = {last, std::errc::value_too_large};
    } else {
      result = {std::copy(text, end, first), std::errc()};
    }
    return true;
  }
  return false;
}

}  // namespace

DoubleCharsResult write_shortest_double(char* first, char* last, double value) {
  if (value == 0) return copy_out(first, last, std::signbit(value) ? "-0" : "0");  // the commonest value in a scrape
  DoubleCharsResult fast{};
  if (write_small_integer(first, last, value, fast)) return fast;
  if (write_short_decimal(first, last, value, fast)) return fast;
#if HX_LIBRARY_TO_CHARS_DOUBLE
  const auto result = std::to_chars(first, last, value);
  return {result.ptr, result.ec};
#else
  return write_shortest_double_fallback(first, last, value);
#endif
}

ParsedDouble parse_double(const char* first, const char* last, double& value) {
#if HX_LIBRARY_FROM_CHARS_DOUBLE
  const auto result = std::from_chars(first, last, value, std::chars_format::general);
  return {result.ptr, result.ec};
#else
  return parse_double_fallback(first, last, value);
#endif
}

}  // namespace host_exporter
