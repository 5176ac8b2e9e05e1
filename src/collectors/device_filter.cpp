#include "collectors/device_filter.hpp"

#include <stdexcept>

namespace host_exporter::collectors {

namespace {
std::optional<std::regex> compile(const std::string& pattern, std::string_view flag) {
  if (pattern.empty()) return std::nullopt;
  try {
    return std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error& e) {
    throw std::invalid_argument(std::string(flag) + ": invalid regular expression \"" + pattern + "\": " + e.what());
  }
}
}  // namespace

DeviceFilter::DeviceFilter(const std::string& exclude, const std::string& include, std::string_view flag_prefix)
    : exclude_(compile(exclude, std::string(flag_prefix) + "-exclude")),
      include_(compile(include, std::string(flag_prefix) + "-include")) {}

DeviceFilter DeviceFilter::from_flags(const std::string& exclude, const std::string& exclude_default,
                                      const std::string& include, std::string_view flag_prefix) {
  if (include.empty()) return DeviceFilter(exclude, "", flag_prefix);
  if (!exclude.empty() && exclude != exclude_default) {
    throw std::invalid_argument(std::string(flag_prefix) + "-exclude and " + std::string(flag_prefix) +
                                "-include are mutually exclusive");
  }
  return DeviceFilter("", include, flag_prefix);
}

bool DeviceFilter::ignored(std::string_view name) const {
  if (exclude_ && std::regex_search(name.begin(), name.end(), *exclude_)) return true;
  if (include_ && !std::regex_search(name.begin(), name.end(), *include_)) return true;
  return false;
}

}  // namespace host_exporter::collectors
