#include <algorithm>

#include "collectors/builtin.hpp"
#include "collectors/definitions.hpp"

namespace host_exporter::collectors {

const std::vector<CollectorDefinition>& builtin_collectors() {
  static const std::vector<CollectorDefinition> all = [] {
    std::vector<CollectorDefinition> list{
    };
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return list;
  }();
  return all;
}

}  // namespace host_exporter::collectors
