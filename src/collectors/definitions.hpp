#pragma once
// One factory per built-in collector; builtin.cpp lists them all.

#include "collectors/builtin.hpp"

namespace host_exporter::collectors {

CollectorDefinition diskstats_collector_definition();
CollectorDefinition filesystem_collector_definition();
CollectorDefinition hwmon_collector_definition();
CollectorDefinition netdev_collector_definition();
CollectorDefinition processes_collector_definition();
CollectorDefinition environment_collector_definition();
CollectorDefinition cpu_collector_definition();
CollectorDefinition loadavg_collector_definition();
CollectorDefinition meminfo_collector_definition();
CollectorDefinition os_collector_definition();
CollectorDefinition pressure_collector_definition();
CollectorDefinition stat_collector_definition();
CollectorDefinition time_collector_definition();
CollectorDefinition uname_collector_definition();
CollectorDefinition vmstat_collector_definition();
CollectorDefinition textfile_collector_definition();  // src/collectors/textfile.cpp, all platforms

}  // namespace host_exporter::collectors
