#pragma once
// The host_process_group_* families of one window of the process-group tracker, with the
// same names, help and rules on every OS (the macOS collector uses it; the Linux one
// has the same code inline in processes.cpp). host_process_group_footprint_bytes is
// present only where the OS reports a footprint (macOS).

#include <string>
#include <vector>

#include "collectors/process_groups.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter::collectors {

void append_process_group_families(const ProcessWindow& window, const char* resident_help,
                                   std::vector<MetricFamily>& out);

}  // namespace host_exporter::collectors
