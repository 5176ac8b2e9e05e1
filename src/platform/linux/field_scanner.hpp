#pragma once
// Walking /proc text line by line and field by field without allocating:
// every piece is a view into the caller's buffer.

#include <charconv>
#include <cstdint>
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

// Takes the next field separated by spaces or tabs off the front of `rest`;
// empty when no field is left.
inline std::string_view next_field(std::string_view& rest) {
  std::size_t start = 0;
  while (start < rest.size() && (rest[start] == ' ' || rest[start] == '\t')) ++start;
  std::size_t end = start;
  while (end < rest.size() && rest[end] != ' ' && rest[end] != '\t') ++end;
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
