#pragma once
// CPU time of host_processor_info(PROCESSOR_CPU_LOAD_INFO): four counters per CPU
// (user, system, idle, nice) in CLK_TCK ticks, 100 per second on macOS. node_exporter
// (cpu_darwin.go) divides them by CLK_TCK; btop's utilisation is
//   total = user + nice + system + idle,  idle = idle,
//   ratio = (dtotal - didle) / dtotal between two samples.

#include <optional>

#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::platform::darwin {

inline constexpr double kClockTicksPerSecond = 100.0;  // CLK_TCK of <arm/limits.h> and <i386/limits.h>

double ticks_to_seconds(std::uint64_t ticks, double ticks_per_second = kClockTicksPerSecond);

std::uint64_t total_ticks(const CpuLoadTicks& ticks);

// The machine-wide sum of every CPU's counters.
CpuLoadTicks sum_ticks(const std::vector<CpuLoadTicks>& cpus);

// btop's busy share of the window between two readings of one CPU, in 0..1; nullopt
// when no tick passed or a counter went backwards (the window cannot be trusted).
std::optional<double> busy_ratio(const CpuLoadTicks& previous, const CpuLoadTicks& current);

}  // namespace host_exporter::platform::darwin
