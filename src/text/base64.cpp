#include "text/base64.hpp"

#include <algorithm>
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

std::string encode_base64url(std::string_view data) {
  if (data.empty()) return "=";
  static constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  // Every 3 bytes become 4 sextets; a last group of 1 or 2 bytes gives 2 or 3.
  for (std::size_t start = 0; start < data.size(); start += 3) {
    const std::size_t count = std::min<std::size_t>(3, data.size() - start);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      group = group << 8 | (k < count ? static_cast<unsigned char>(data[start + k]) : 0u);
    }
    for (std::size_t k = 0; k < count + 1; ++k) out += kDigits[group >> (18 - 6 * k) & 63];
  }
  return out;
}

std::string encode_base64(std::string_view data) {
  if (data.empty()) return "";
  std::string out = encode_base64url(data);
  for (char& c : out) c = c == '-' ? '+' : c == '_' ? '/' : c;
  out.append((4 - out.size() % 4) % 4, '=');
  return out;
}

}  // namespace host_exporter::text
