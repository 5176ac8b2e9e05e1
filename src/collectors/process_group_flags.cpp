#include "collectors/process_group_flags.hpp"

#include <charconv>
#include <stdexcept>

namespace host_exporter::collectors {

std::vector<CollectorFlag> process_group_flags() {
  return {
      {"top", "15", "Groups exported by name: the top N by CPU and the top N by memory; the rest is name=\"other\".",
       false},
      {"include", "", "Regexp of group names always exported by name (e.g. postgres|python.*).", false},
      {"exclude", "", "Regexp of group names left out entirely (not added to \"other\").", false},
  };
}

std::size_t parse_process_group_top(const std::string& text, std::size_t unset) {
  if (text.empty()) return unset;
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > 1000) {
    throw std::invalid_argument("--collector.processes.top: expected a whole number from 0 to 1000, got \"" + text +
                                "\"");
  }
  return value;
}

std::regex compile_process_group_pattern(const std::string& pattern, const char* flag) {
  try {
    return std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error& error) {
    throw std::invalid_argument(std::string("--collector.processes.") + flag + ": invalid regular expression \"" +
                                pattern + "\": " + error.what());
  }
}

}  // namespace host_exporter::collectors
