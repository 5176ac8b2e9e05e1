#include "exposition/quality_list.hpp"

#include <algorithm>

namespace host_exporter::exposition {

namespace {

constexpr std::string_view kWhitespace = " \t";

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

// The end of the segment that starts at `start`: the next `separator` outside
// a quoted string, or the end of the text.
std::size_t segment_end(std::string_view text, std::size_t start, char separator) {
  bool quoted = false;
  for (std::size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '\\') {
      ++i;  // skip the escaped character
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == separator) {
      return i;
    }
  }
  return text.size();
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
bool parse_q(std::string_view text, double& q) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return false;
  const bool one = text[0] == '1';
  int thousandths = 0;
  if (text.size() > 1) {
    if (text[1] != '.' || text.size() > 5) return false;
    int scale = 100;
    for (char c : text.substr(2)) {
      if (c < '0' || c > '9' || (one && c != '0')) return false;
      thousandths += (c - '0') * scale;
      scale /= 10;
    }
  }
  q = one ? 1.0 : thousandths / 1000.0;
  return true;
}

std::string_view unquote(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') return value.substr(1, value.size() - 2);
  return value;
}

}  // namespace

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

const QualityParameter* QualityItem::find(std::string_view name) const {
  for (const QualityParameter& parameter : parameters) {
    if (equals_ignoring_case(parameter.name, name)) return &parameter;
  }
  return nullptr;
}

std::vector<QualityItem> parse_quality_list(std::string_view header) {
  std::vector<QualityItem> items;
  std::size_t position = 0;
  for (std::size_t start = 0; start <= header.size();) {
    const std::size_t end = segment_end(header, start, ',');
    const std::string_view element = header.substr(start, end - start);
    start = end + 1;

    QualityItem item;
    item.position = position++;
    bool malformed = false;
    std::size_t cursor = 0;
    for (bool first = true; cursor <= element.size(); first = false) {
      const std::size_t stop = segment_end(element, cursor, ';');
      const std::string_view part = trim(element.substr(cursor, stop - cursor));
      cursor = stop + 1;
      if (first) {
        item.value = part;
        continue;
      }
      if (part.empty()) continue;  // a stray ";"
      const std::size_t equals = part.find('=');
      if (equals == std::string_view::npos) {
        malformed = malformed || equals_ignoring_case(part, "q");
        continue;  // a parameter without value: ignored
      }
      const std::string_view name = trim(part.substr(0, equals));
      const std::string_view value = unquote(trim(part.substr(equals + 1)));
      if (equals_ignoring_case(name, "q")) {
        malformed = malformed || !parse_q(value, item.q);
      } else {
        item.parameters.push_back({name, value});
      }
    }
    if (!item.value.empty() && !malformed) items.push_back(std::move(item));
  }
  return items;
}

}  // namespace host_exporter::exposition
