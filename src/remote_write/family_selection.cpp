#include "remote_write/family_selection.hpp"

#include <stdexcept>

namespace host_exporter::remote_write {

namespace {

std::optional<std::regex> compile(const std::string& pattern, const char* which) {
  if (pattern.empty()) return std::nullopt;
  try {
    return std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error& e) {
    throw std::invalid_argument(std::string(which) + ": invalid regex \"" + pattern + "\": " + e.what());
  }
}

}  // namespace

FamilySelection::FamilySelection(const std::string& include, const std::string& exclude)
    : include_(compile(include, "--remote-write.include")), exclude_(compile(exclude, "--remote-write.exclude")) {}

bool FamilySelection::selects(std::string_view family_name) const {
  const auto matches = [&](const std::regex& pattern) {
    return std::regex_match(family_name.begin(), family_name.end(), pattern);
  };
  if (include_ && !matches(*include_)) return false;
  return !(exclude_ && matches(*exclude_));
}

}  // namespace host_exporter::remote_write
