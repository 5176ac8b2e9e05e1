#include <algorithm>

#include "collectors/builtin.hpp"
#include "collectors/definitions.hpp"
#if defined(__APPLE__)
#include "collectors/darwin_definitions.hpp"
#endif

namespace host_exporter::collectors {

const std::vector<CollectorDefinition>& builtin_collectors() {
  static const std::vector<CollectorDefinition> all = [] {
    std::vector<CollectorDefinition> list{
#if defined(__linux__)
        diskstats_collector_definition(),
        filesystem_collector_definition(),
        hwmon_collector_definition(),
        netdev_collector_definition(),
        processes_collector_definition(),
        environment_collector_definition(),
        cpu_collector_definition(),
        loadavg_collector_definition(),
        meminfo_collector_definition(),
        os_collector_definition(),
        pressure_collector_definition(),
        stat_collector_definition(),
        time_collector_definition(),
        uname_collector_definition(),
        vmstat_collector_definition(),
#endif
        textfile_collector_definition(),
    };
#if defined(__APPLE__)
    // macOS: the collectors of darwin_definitions.cpp over the adapter's readers.
    for (auto& definition : darwin_collector_definitions(platform::darwin::host_readers())) {
      list.push_back(std::move(definition));
    }
#endif
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return list;
  }();
  return all;
}

}  // namespace host_exporter::collectors
