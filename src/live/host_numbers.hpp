#pragma once
// One sampler window's host numbers as the live page charts them, read from a gathered scrape:
// what the history keeps for 15 minutes and what every snapshot carries. NaN where /metrics had no
// value (e.g. the first window of a rate).

#include <vector>

#include "live/family_view.hpp"
#include "live/json_writer.hpp"

namespace host_exporter::live {

struct HostNumbers {
  double time = 0;  // Unix seconds
  double cpu_ratio, load1, load5, load15;
  double memory_total, memory_used, memory_available, memory_cached, memory_free;
  double swap_total, swap_used;
  double disk_read, disk_write;          // bytes per second, summed over the devices
  double network_receive, network_transmit;  // bytes per second, summed over the interfaces
  std::vector<float> cores;              // per-core ratio by core number; NaN for a core without one
};

HostNumbers read_host_numbers(const FamilyView& view, double time);

// The collectors whose families read_host_numbers reads: what the history gathers each window.
inline constexpr const char* kHistoryCollectors[] = {"cpu", "meminfo", "loadavg", "diskstats", "netdev"};

// Writes the numbers as the fields of the current JSON object (docs/live.md).
void write_host_numbers(JsonWriter& json, const HostNumbers& numbers);

}  // namespace host_exporter::live
