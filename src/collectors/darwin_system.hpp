#pragma once
// The small macOS collectors, as functions from a reading to the sink's families, each
// described once (the collector definitions in darwin_definitions.cpp pair each with
// its reader):
//   loadavg   node_load1, node_load5, node_load15                        (getloadavg)
//   boottime  node_boot_time_seconds                                      (kern.boottime)
//   uname     node_uname_info{domainname,machine,nodename,release,sysname,version}
//   os        node_os_info{...}, node_os_version{id,id_like,name}        (SystemVersion.plist)
//   environment  host_exporter_environment_info, host_exporter_measures_host
//   gpu       host_gpu_utilization_ratio{gpu,registry_id}                 (IOAccelerator)
//   powersupplyclass  node_power_supply_{current_capacity,max_capacity,charging}{power_supply},
//             node_power_supply_power_source_state{power_supply,state},
//             host_power_supply_on_ac_power{power_supply}                 (IOPowerSources)

#include <array>
#include <string_view>
#include <vector>

#include "exposition/sink.hpp"
#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::collectors {

void fill_load_families(const std::array<double, 3>& load, exposition::Sink& sink);
void fill_boot_time_family(double boot_time_seconds, exposition::Sink& sink);
// node_exporter's BSD rule: the nodename is cut at its first dot into nodename and
// domainname; without a dot the domainname is "(none)".
void fill_uname_family(const platform::darwin::UnameReading& uname, exposition::Sink& sink);
// False when the plist has no ProductVersion.
bool fill_os_families(std::string_view system_version_plist, exposition::Sink& sink);
void fill_environment_families(const platform::darwin::EnvironmentHints& hints, exposition::Sink& sink);
void fill_gpu_families(const std::vector<platform::darwin::GpuReading>& gpus, exposition::Sink& sink);
void fill_power_supply_families(const std::vector<platform::darwin::PowerSourceReading>& sources,
                                exposition::Sink& sink);

}  // namespace host_exporter::collectors
