#include "platform/darwin/conversions/core_types.hpp"

#include <cctype>

namespace host_exporter::platform::darwin {

std::vector<std::string> core_types_by_cpu(const std::vector<PerfLevel>& levels, std::size_t cpu_count) {
  std::size_t total = 0;
  for (const auto& level : levels) total += level.logical_cpus;
  if (levels.empty() || total != cpu_count) return {};
  std::vector<std::string> types;
  types.reserve(cpu_count);
  for (std::size_t n = levels.size(); n-- > 0;) {
    std::string name = levels[n].name.empty() ? "perflevel" + std::to_string(n) : levels[n].name;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    types.insert(types.end(), levels[n].logical_cpus, name);
  }
  return types;
}

}  // namespace host_exporter::platform::darwin
