#include "exposition/parse_message.hpp"

#include <algorithm>
#include <cmath>

#include "metrics/double_chars.hpp"

namespace host_exporter::exposition {

std::string quote(std::string_view text) {
  constexpr std::size_t kMaxShown = 64;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  const std::size_t shown = std::min(text.size(), kMaxShown);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  if (text.size() > shown) out += "...";
  return out;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  const auto result = write_shortest_double(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string describe_series(std::string_view name, std::string_view labels) {
  constexpr std::size_t kMaxLabels = 200;
  std::string out(name);
  if (labels.empty()) return out;
  out += '{';
  out += labels.substr(0, kMaxLabels);
  if (labels.size() > kMaxLabels) out += "...";
  out += '}';
  return out;
}

}  // namespace host_exporter::exposition
