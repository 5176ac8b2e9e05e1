#pragma once
// One sampler window's host numbers as the live page charts them, read from a gathered scrape:
// what the history keeps for 15 minutes and what every snapshot carries. NaN where /metrics had no
// value (e.g. the first window of a rate).

#include <nlohmann/json.hpp>
#include <vector>

#include "live/family_view.hpp"

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

// The numbers by their JSON names (docs/live.md), in the order the snapshot and the history write them.
struct HostNumberField {
  const char* name;
  double HostNumbers::*member;
  bool in_history;  // charted: kept for 15 minutes
};
inline constexpr HostNumberField kHostNumberFields[] = {
    {"time", &HostNumbers::time, true},
    {"cpu_ratio", &HostNumbers::cpu_ratio, true},
    {"load1", &HostNumbers::load1, false},
    {"load5", &HostNumbers::load5, false},
    {"load15", &HostNumbers::load15, false},
    {"memory_total_bytes", &HostNumbers::memory_total, true},
    {"memory_used_bytes", &HostNumbers::memory_used, true},
    {"memory_available_bytes", &HostNumbers::memory_available, true},
    {"memory_cached_bytes", &HostNumbers::memory_cached, true},
    {"memory_free_bytes", &HostNumbers::memory_free, true},
    {"swap_total_bytes", &HostNumbers::swap_total, false},
    {"swap_used_bytes", &HostNumbers::swap_used, true},
    {"disk_read_bytes_per_second", &HostNumbers::disk_read, true},
    {"disk_write_bytes_per_second", &HostNumbers::disk_write, true},
    {"network_receive_bytes_per_second", &HostNumbers::network_receive, true},
    {"network_transmit_bytes_per_second", &HostNumbers::network_transmit, true},
};

// What the history gathers each window: the collectors of the charts (CPU, memory, disk, network),
// nothing more (the load and the rest come with a snapshot).
inline constexpr const char* kHistoryCollectors[] = {"cpu", "meminfo", "diskstats", "netdev"};

// Sets the numbers as fields of `json`, an object (docs/live.md).
void write_host_numbers(nlohmann::ordered_json& json, const HostNumbers& numbers);

}  // namespace host_exporter::live
