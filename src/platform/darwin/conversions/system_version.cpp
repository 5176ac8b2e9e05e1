#include "platform/darwin/conversions/system_version.hpp"

#include <cstdlib>

namespace host_exporter::platform::darwin {

namespace {

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool decoded = false;
    for (const auto& [entity, character] : kEntities) {
      if (text.substr(i, entity.size()) == entity) {
        out += character;
        i += entity.size() - 1;
        decoded = true;
        break;
      }
    }
    if (!decoded) out += '&';
  }
  return out;
}

// The text between <tag> and </tag> starting at or after `from`; advances `from` past it.
std::optional<std::string_view> next_element(std::string_view text, std::string_view tag, std::size_t& from) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  const std::size_t start = text.find(open, from);
  if (start == std::string_view::npos) return std::nullopt;
  const std::size_t content = start + open.size();
  const std::size_t end = text.find(close, content);
  if (end == std::string_view::npos) return std::nullopt;
  from = end + close.size();
  return text.substr(content, end - content);
}

}  // namespace

std::optional<SystemVersion> parse_system_version_plist(std::string_view text) {
  SystemVersion version;
  bool has_version = false;
  std::size_t position = 0;
  while (const auto key = next_element(text, "key", position)) {
    // The value is the next element; only <string> values matter here.
    const std::size_t value_start = text.find('<', position);
    if (value_start == std::string_view::npos) break;
    if (text.substr(value_start, 8) != "<string>") continue;
    std::size_t after = value_start;
    const auto value = next_element(text, "string", after);
    if (!value) break;
    position = after;
    const std::string decoded = decode_entities(*value);
    if (*key == "ProductName") version.product_name = decoded;
    if (*key == "ProductVersion") {
      version.product_version = decoded;
      has_version = true;
    }
    if (*key == "ProductBuildVersion") version.product_build_version = decoded;
    if (*key == "ProductUserVisibleVersion") version.product_user_visible_version = decoded;
  }
  if (!has_version) return std::nullopt;
  return version;
}

std::optional<double> major_minor_version(std::string_view version) {
  const std::size_t first_dot = version.find('.');
  std::size_t end = version.size();
  if (first_dot != std::string_view::npos) {
    const std::size_t second_dot = version.find('.', first_dot + 1);
    if (second_dot != std::string_view::npos) end = second_dot;
  }
  const std::string_view number = version.substr(0, end);
  // Digits and at most one dot only (strtod would also take "1e3", " 14" or "inf").
  if (number.empty() || number.front() == '.' || number.back() == '.') return std::nullopt;
  for (const char c : number) {
    if ((c < '0' || c > '9') && c != '.') return std::nullopt;
  }
  const std::string copy(number);
  return std::strtod(copy.c_str(), nullptr);
}

}  // namespace host_exporter::platform::darwin
