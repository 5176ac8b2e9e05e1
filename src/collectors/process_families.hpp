#pragma once
// The host_process_group_* families of one window of the process-group tracker, with the
// same names and rules on every OS (the Linux and macOS process collectors both use it);
// the help of the families whose source differs is the caller's.
// host_process_group_footprint_bytes is present only where the OS reports a footprint
// (macOS).

#include <cstdint>
#include <string>
#include <vector>

#include "collectors/process_groups.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter::collectors {

// The help text of the families whose meaning names the OS's source, and the states the OS can have.
struct ProcessFamilyHelp {
  const char* resident_memory;  // host_process_group_resident_memory_bytes
  const char* open_fds;         // host_process_group_open_fds
  const char* states;           // host_processes
  std::uint16_t always_exported_states = kLinuxAlwaysExportedStates;  // a mask of process_groups.hpp
};

void append_process_group_families(const ProcessWindow& window, const ProcessFamilyHelp& help,
                                   std::vector<MetricFamily>& out);

}  // namespace host_exporter::collectors
