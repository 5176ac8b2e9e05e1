#include "exposition/number_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "metrics/double_chars.hpp"
#include "exposition/format.hpp"

namespace host_exporter::exposition {

namespace {
// Longest shortest-round-trip double is 24 characters ("-2.2250738585072014e-308").
constexpr std::size_t kDoubleBuffer = kMaxDoubleText;

// Writes the shortest text of a finite double; returns its length.
std::size_t write_finite(char* buffer, double value) {
  const auto result = write_shortest_double(buffer, buffer + kDoubleBuffer, value);
  return static_cast<std::size_t>(result.ptr - buffer);
}

bool append_non_finite(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return true;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return true;
  }
  return false;
}
}  // namespace

void append_double(std::string& out, double value) {
  if (append_non_finite(out, value)) return;
  char buffer[kDoubleBuffer];
  out.append(buffer, write_finite(buffer, value));
}

char* write_double(char* out, double value) {
  if (std::isnan(value)) return std::copy_n("NaN", 3, out);
  if (std::isinf(value)) return std::copy_n(value > 0 ? "+Inf" : "-Inf", 4, out);
  return out + write_finite(out, value);
}

void append_canonical_label_number(std::string& out, double value) {
  if (append_non_finite(out, value)) return;
  char buffer[kDoubleBuffer];
  const std::string_view text(buffer, write_finite(buffer, value));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void append_integer(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

void append_milliseconds_as_seconds(std::string& out, std::int64_t milliseconds) {
  // Unsigned magnitude so that INT64_MIN does not overflow on negation.
  const bool negative = milliseconds < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(milliseconds) : static_cast<std::uint64_t>(milliseconds);
  const std::uint64_t fraction = magnitude % 1000;
  if (negative) out += '-';
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, magnitude / 1000);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
  if (fraction == 0) return;
  char digits[4] = {'.', static_cast<char>('0' + fraction / 100), static_cast<char>('0' + fraction / 10 % 10),
                    static_cast<char>('0' + fraction % 10)};
  std::size_t length = 4;
  while (digits[length - 1] == '0') --length;
  out.append(digits, length);
}

}  // namespace host_exporter::exposition
