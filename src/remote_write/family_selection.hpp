#pragma once
// Which families agent mode sends: every family whose whole name matches the
// include pattern (all when empty) and not the exclude pattern (none when empty).
// Patterns are ECMAScript regexes anchored at both ends, as Prometheus relabelling anchors them.

#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace host_exporter::remote_write {

class FamilySelection {
 public:
  // Throws std::invalid_argument naming the pattern that does not compile.
  FamilySelection(const std::string& include, const std::string& exclude);

  bool selects(std::string_view family_name) const;

 private:
  std::optional<std::regex> include_;
  std::optional<std::regex> exclude_;
};

}  // namespace host_exporter::remote_write
