#pragma once
// Walking /proc text line by line and field by field without allocating:
// every piece is a view into the caller's buffer.

#include <bit>
#include <charconv>
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

// The whole of `text` as an unsigned decimal; false for anything else.
inline bool parse_u64(std::string_view text, std::uint64_t& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// The whole of `text` as a signed decimal; false for anything else.
inline bool parse_i64(std::string_view text, std::int64_t& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace host_exporter::platform
