#pragma once
// The kind of each CPU (performance or efficiency) on Apple Silicon, from sysctl
// hw.perflevelN (N = 0 is the fastest kind). sysctl gives only how many CPUs each kind
// has, not which numbers they carry; XNU numbers the efficiency cores first on the Apple
// Silicon Macs documented so far (cpu0..3 of an M1 are its Icestorm cores), so the CPUs
// are handed out from the slowest kind up. That numbering is an assumption the macOS CI
// job checks (docs/notes.md).

#include <cstddef>
#include <string>
#include <vector>

#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::platform::darwin {

// One lower-case name per CPU ("performance", "efficiency"; "perflevelN" for a level
// without a name), or nothing when the levels do not add up to `cpu_count` (an Intel
// Mac has no perflevels; a count that does not match is not guessed at).
std::vector<std::string> core_types_by_cpu(const std::vector<PerfLevel>& levels, std::size_t cpu_count);

}  // namespace host_exporter::platform::darwin
