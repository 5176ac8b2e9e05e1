#pragma once
// Walking /proc text line by line and field by field without allocating:
// every piece is a view into the caller's buffer.

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace host_exporter::platform {

// Takes the next line (without its newline) off the front of `rest`.
// Returns false once `rest` is exhausted.
inline bool next_line(std::string_view& rest, std::string_view& line) {
  if (rest.empty()) return false;
  const auto newline = rest.find('\n');
  if (newline == std::string_view::npos) {
    line = rest;
    rest = {};
  } else {
    line = rest.substr(0, newline);
    rest.remove_prefix(newline + 1);
  }
  return true;
}

// The index of the first space or tab in `text` at or after `from`, or text.size().
// Eight bytes a step (a byte of word ^ pattern is zero where it matches; the lowest such
// byte is found exactly): the byte loop was the largest cost of parsing a scrape's files.
inline std::size_t find_separator(std::string_view text, std::size_t from) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighBits = 0x8080808080808080ull;
    for (; from + 8 <= text.size(); from += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + from, sizeof word);
      const std::uint64_t spaces = word ^ (kOnes * ' '), tabs = word ^ (kOnes * '\t');
      const std::uint64_t found = (((spaces - kOnes) & ~spaces) | ((tabs - kOnes) & ~tabs)) & kHighBits;
      if (found != 0) return from + static_cast<std::size_t>(std::countr_zero(found)) / 8;
    }
  }
  while (from < text.size() && text[from] != ' ' && text[from] != '\t') ++from;
  return from;
}

// Takes the next field separated by spaces or tabs off the front of `rest`;
// empty when no field is left.
inline std::string_view next_field(std::string_view& rest) {
  std::size_t start = 0;
  while (start < rest.size() && (rest[start] == ' ' || rest[start] == '\t')) ++start;
  const std::size_t end = find_separator(rest, start);
  const std::string_view field = rest.substr(start, end - start);
  rest.remove_prefix(end);
  return field;
}

// The whole of `text` as an unsigned decimal; false for anything else, as std::from_chars with all
// of `text` consumed: no sign, no space, nothing past 2^64 - 1; leading zeros are allowed. Written
// out because from_chars checks for overflow at every digit, and 19 digits cannot overflow: these
// numbers are most of what a scrape parses. `value` is left alone on failure.
inline bool parse_u64(std::string_view text, std::uint64_t& value) {
  while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
  constexpr std::size_t kSafeDigits = 19, kMaxDigits = 20;
  if (text.empty() || text.size() > kMaxDigits) return false;
  std::uint64_t result = 0;
  const std::size_t safe = text.size() < kSafeDigits ? text.size() : kSafeDigits;
  for (std::size_t i = 0; i < safe; ++i) {
    const unsigned digit = static_cast<unsigned char>(text[i]) - unsigned{'0'};
    if (digit > 9) return false;
    result = result * 10 + digit;
  }
  if (text.size() == kMaxDigits) {
    const unsigned digit = static_cast<unsigned char>(text.back()) - unsigned{'0'};
    if (digit > 9 || __builtin_mul_overflow(result, 10u, &result) || __builtin_add_overflow(result, digit, &result)) {
      return false;
    }
  }
  value = result;
  return true;
}

// The whole of `text` as a signed decimal: an optional '-' (no '+'), then as parse_u64, within
// [-2^63, 2^63 - 1]. `value` is left alone on failure.
inline bool parse_i64(std::string_view text, std::int64_t& value) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::uint64_t magnitude = 0;
  if (!parse_u64(text, magnitude)) return false;
  constexpr std::uint64_t kMostPositive = 9223372036854775807ull;  // 2^63 - 1
  if (magnitude > kMostPositive + (negative ? 1 : 0)) return false;
  // Two's complement: 0 - magnitude is -magnitude, -2^63 included.
  value = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}

}  // namespace host_exporter::platform
