#include "text/base64.hpp"

#include <cstddef>
#include <cstdint>

namespace host_exporter::text {

namespace {

// The alphabets differ only in their last two characters.
struct Alphabet {
  char value_62;
  char value_63;
};

constexpr Alphabet kStandard{'+', '/'};
constexpr Alphabet kUrlSafe{'-', '_'};

int sextet(char c, Alphabet alphabet) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == alphabet.value_62) return 62;
  if (c == alphabet.value_63) return 63;
  return -1;
}

// Decodes `text` with its padding already removed.
std::optional<std::string> decode_unpadded(std::string_view text, Alphabet alphabet) {
  // 4 characters carry 3 bytes; a lone trailing character carries less than one byte.
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int bit_count = 0;
  for (const char c : text) {
    const int value = sextet(c, alphabet);
    if (value < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out += static_cast<char>((bits >> bit_count) & 0xFFu);
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  for (int padding = 0; padding < 2 && !text.empty() && text.back() == '='; ++padding) text.remove_suffix(1);
  return decode_unpadded(text, kStandard);
}

std::optional<std::string> decode_base64url(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  return decode_unpadded(text, kUrlSafe);
}

}  // namespace host_exporter::text
