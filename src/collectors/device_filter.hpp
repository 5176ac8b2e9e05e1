#pragma once
// A device (or mount point, or filesystem type) filter from an exclude and an
// include regular expression, as node_exporter's --collector.<name>.*-exclude /
// *-include flags: unanchored search, so an anchor must be written ("^loop\d+$").

#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace host_exporter::collectors {

class DeviceFilter {
 public:
  DeviceFilter() = default;  // accepts everything

  // Either pattern may be empty (not set). Throws std::invalid_argument naming
  // `flag_prefix` (e.g. "--collector.diskstats.device") for a bad pattern.
  DeviceFilter(const std::string& exclude, const std::string& include, std::string_view flag_prefix);

  // Builds the filter from the two flags, which exclude each other. When the
  // exclude flag still has its default value and the include flag is given, the
  // default steps aside (node_exporter's rule); an explicit exclude with an
  // include is an error.
  static DeviceFilter from_flags(const std::string& exclude, const std::string& exclude_default,
                                 const std::string& include, std::string_view flag_prefix);

  bool ignored(std::string_view name) const;

 private:
  std::optional<std::regex> exclude_;
  std::optional<std::regex> include_;
};

}  // namespace host_exporter::collectors
