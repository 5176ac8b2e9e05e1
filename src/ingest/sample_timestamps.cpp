#include "ingest/sample_timestamps.hpp"

namespace host_exporter::ingest {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// True when a sample line (already accepted by the parser) has a third field.
bool sample_line_has_timestamp(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  while (i < line.size() && !is_blank(line[i]) && line[i] != '{') ++i;  // the name
  while (i < line.size() && is_blank(line[i])) ++i;
  if (i < line.size() && line[i] == '{') {
    bool quoted = false;
    for (++i; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '}') {
        ++i;
        break;
      }
    }
  }
  int fields = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i == line.size()) break;
    ++fields;
    while (i < line.size() && !is_blank(line[i])) ++i;
  }
  return fields >= 2;  // value and timestamp
}

}  // namespace

bool has_sample_timestamps(const std::vector<MetricFamily>& families) {
  for (const auto& family : families) {
    for (const auto& series : family.series) {
      if (series.timestamp_ms) return true;
    }
  }
  return false;
}

std::size_t first_timestamped_line(std::string_view text) {
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t first = 0;
    while (first < line.size() && is_blank(line[first])) ++first;
    if (first == line.size() || line[first] == '#') continue;
    if (sample_line_has_timestamp(line)) return number;
  }
  return 0;
}

}  // namespace host_exporter::ingest
