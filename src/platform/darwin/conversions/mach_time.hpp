#pragma once
// Process CPU times of proc_pidinfo(PROC_PIDTASKINFO) (pti_total_user, pti_total_system)
// are Mach absolute-time ticks. sysctl hw.tbfrequency says how many per second:
// 24,000,000 on Apple Silicon (1 tick = 125/3 ns), 1,000,000,000 on Intel. We do not use
// mach_timebase_info: a process under Rosetta is told 1/1 while the kernel still counts
// 24 MHz ticks (psutil #1956, PR #2011). btop's integer factor 125/3 = 41 reads 1.6 % low.

#include <cstdint>

namespace host_exporter::platform::darwin {

// Exact: no overflow for any 64-bit tick count (the result saturates at 2^64 - 1).
std::uint64_t mach_ticks_to_nanoseconds(std::uint64_t ticks, std::uint64_t ticks_per_second);

double mach_ticks_to_seconds(std::uint64_t ticks, std::uint64_t ticks_per_second);

}  // namespace host_exporter::platform::darwin
