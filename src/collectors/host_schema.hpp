#pragma once
// The host_* schema: every host_* family the host collectors of Linux and macOS export,
// written once (name, type, unit, HELP, labels, which systems, where docs/metrics.md gives
// the formula). The collectors' descriptors are these; docs/metrics.md's "host_* schema"
// table is checked against this one (tests/unit/collectors/host_schema_test.cpp), and so
// is what each system's collectors emit. HELP says what a family means on both systems;
// how each system computes it is in the docs section named by `formula`.

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "exposition/sink.hpp"

namespace host_exporter::collectors::schema {

enum Systems : unsigned { kLinux = 1, kMacOS = 2, kBoth = kLinux | kMacOS };

struct HostFamily {
  exposition::FamilyDescriptor family;
  std::string_view unit;     // "bytes", "ratio", "seconds", ... ; "" for a count or an info family
  unsigned systems;          // Systems
  std::string_view formula;  // the docs/metrics.md sections with the formula ("; " between systems)
};

inline constexpr std::string_view kCpuLabels[] = {"cpu"};
inline constexpr std::string_view kCpuCoreTypeLabels[] = {"cpu", "core_type"};
inline constexpr std::string_view kDeviceLabels[] = {"device"};
inline constexpr std::string_view kMountpointLabels[] = {"mountpoint"};
inline constexpr std::string_view kNameLabels[] = {"name"};
inline constexpr std::string_view kNameModeLabels[] = {"name", "mode"};
inline constexpr std::string_view kStateLabels[] = {"state"};
inline constexpr std::string_view kProcessInfoLabels[] = {"pid", "name", "cmdline"};
inline constexpr std::string_view kEnvironmentLabels[] = {"platform", "virtualization", "container", "detail"};
inline constexpr std::string_view kGpuLabels[] = {"gpu", "registry_id"};
inline constexpr std::string_view kPowerSupplyLabels[] = {"power_supply"};

constexpr HostFamily gauge(std::string_view name, std::string_view help, std::span<const std::string_view> labels,
                           std::string_view unit, unsigned systems, std::string_view formula) {
  return {{name, help, MetricType::kGauge, labels}, unit, systems, formula};
}

// CPU
inline constexpr HostFamily kCpuUtilization =
    gauge("host_cpu_utilization_ratio",
          "Busy share of the whole machine's CPU time over the last sampler window "
          "(btop's CPU %, divided by 100).",
          {}, "ratio", kBoth, "CPU (cpu collector); macOS: cpu");
inline constexpr HostFamily kCpuCoreUtilization =
    gauge("host_cpu_core_utilization_ratio",
          "Busy share of each CPU's time over the last sampler window (btop's "
          "per-core %, divided by 100).",
          kCpuLabels, "ratio", kBoth, "CPU (cpu collector); macOS: cpu");
inline constexpr HostFamily kCpuWindowStart = gauge("host_cpu_window_start_timestamp_seconds",
                                                    "Unix time at which the read of /proc/stat for the first "
                                                    "sample of the CPU window began.",
                                                    {}, "seconds", kLinux, "CPU (cpu collector)");
inline constexpr HostFamily kCpuWindowEnd = gauge("host_cpu_window_end_timestamp_seconds",
                                                  "Unix time at which the read of /proc/stat for the last sample "
                                                  "of the CPU window began.",
                                                  {}, "seconds", kLinux, "CPU (cpu collector)");
inline constexpr HostFamily kCpuCoreType =
    gauge("host_cpu_core_type_info", "The kind of each CPU from hw.perflevelN (performance, efficiency); always 1.",
          kCpuCoreTypeLabels, "", kMacOS, "macOS: cpu");

// Memory, as btop shows it
inline constexpr HostFamily kMemoryTotal = gauge("host_memory_total_bytes", "Physical memory, as btop shows it.", {},
                                                 "bytes", kBoth, "Memory (meminfo collector); macOS: meminfo");
inline constexpr HostFamily kMemoryUsed = gauge("host_memory_used_bytes", "Used memory, btop's formula.", {}, "bytes",
                                                kBoth, "Memory (meminfo collector); macOS: meminfo");
inline constexpr HostFamily kMemoryAvailable = gauge("host_memory_available_bytes", "Available memory, btop's formula.",
                                                     {}, "bytes", kBoth, "Memory (meminfo collector); macOS: meminfo");
inline constexpr HostFamily kMemoryCached = gauge("host_memory_cached_bytes", "Cached memory, btop's formula.", {},
                                                  "bytes", kBoth, "Memory (meminfo collector); macOS: meminfo");
inline constexpr HostFamily kMemoryFree = gauge("host_memory_free_bytes", "Free memory, as btop shows it.", {}, "bytes",
                                                kBoth, "Memory (meminfo collector); macOS: meminfo");
inline constexpr HostFamily kSwapTotal = gauge("host_swap_total_bytes", "Swap space, as btop shows it.", {}, "bytes",
                                               kBoth, "Memory (meminfo collector); macOS: meminfo");
inline constexpr HostFamily kSwapUsed = gauge("host_swap_used_bytes", "Used swap, as btop shows it.", {}, "bytes",
                                              kBoth, "Memory (meminfo collector); macOS: meminfo");
inline constexpr HostFamily kMemoryApp =
    gauge("host_memory_app_bytes", "Activity Monitor's App Memory.", {}, "bytes", kMacOS, "macOS: meminfo");
inline constexpr HostFamily kMemoryWired =
    gauge("host_memory_wired_bytes", "Activity Monitor's Wired Memory.", {}, "bytes", kMacOS, "macOS: meminfo");
inline constexpr HostFamily kMemoryCompressed =
    gauge("host_memory_compressed_bytes", "Activity Monitor's Compressed.", {}, "bytes", kMacOS, "macOS: meminfo");
inline constexpr HostFamily kMemoryActivityMonitorUsed =
    gauge("host_memory_activity_monitor_used_bytes",
          "Activity Monitor's Memory Used: App Memory + Wired Memory + "
          "Compressed.",
          {}, "bytes", kMacOS, "macOS: meminfo");
inline constexpr HostFamily kMemoryCachedFiles =
    gauge("host_memory_cached_files_bytes", "Activity Monitor's Cached Files.", {}, "bytes", kMacOS, "macOS: meminfo");
inline constexpr HostFamily kMemoryPressureLevel =
    gauge("host_memory_pressure_level", "kern.memorystatus_vm_pressure_level: 1 normal, 2 warning, 4 critical.", {}, "",
          kMacOS, "macOS: meminfo");

// Storage and network rates over the sampler window
inline constexpr HostFamily kDiskRead = gauge("host_disk_read_bytes_per_second",
                                              "Bytes read per second over the last sampler window (btop shows bytes "
                                              "per interval).",
                                              kDeviceLabels, "bytes per second", kBoth,
                                              "Network, disk and filesystem; macOS: diskstats, netdev, filesystem");
inline constexpr HostFamily kDiskWrite = gauge("host_disk_write_bytes_per_second",
                                               "Bytes written per second over the last sampler window (btop shows "
                                               "bytes per interval).",
                                               kDeviceLabels, "bytes per second", kBoth,
                                               "Network, disk and filesystem; macOS: diskstats, netdev, filesystem");
inline constexpr HostFamily kNetworkReceive = gauge(
    "host_network_receive_bytes_per_second",
    "Bytes received per second over the last sampler window (btop's "
    "network rate).",
    kDeviceLabels, "bytes per second", kBoth, "Network, disk and filesystem; macOS: diskstats, netdev, filesystem");
inline constexpr HostFamily kNetworkTransmit = gauge(
    "host_network_transmit_bytes_per_second",
    "Bytes transmitted per second over the last sampler window "
    "(btop's network rate).",
    kDeviceLabels, "bytes per second", kBoth, "Network, disk and filesystem; macOS: diskstats, netdev, filesystem");
inline constexpr HostFamily kFilesystemUsedRatio =
    gauge("host_filesystem_used_ratio", "Used share of the filesystem, btop's formula.", kMountpointLabels, "ratio",
          kBoth, "Network, disk and filesystem; macOS: diskstats, netdev, filesystem");
inline constexpr HostFamily kFilesystemUsedBytes =
    gauge("host_filesystem_used_bytes", "Space the volume itself uses (APFS: getattrlist ATTR_VOL_SPACEUSED).",
          kMountpointLabels, "bytes", kMacOS, "macOS: filesystem");

// Processes, grouped by name as btop names them
inline constexpr HostFamily kGroupProcesses =
    gauge("host_process_group_processes",
          "Processes in the group (processes with the same name, as btop names "
          "them).",
          kNameLabels, "", kBoth, "Processes; macOS: processes");
inline constexpr HostFamily kGroupCpuSeconds{{"host_process_group_cpu_seconds_total",
                                              "CPU time of the group's processes while the group is reported under "
                                              "its own name (otherwise under name=\"other\").",
                                              MetricType::kCounter, kNameModeLabels},
                                             "seconds",
                                             kBoth,
                                             "Processes; macOS: processes"};
inline constexpr HostFamily kGroupCpuUtilization = gauge("host_process_group_cpu_utilization_ratio",
                                                         "The group's share of the whole machine's CPU time over the "
                                                         "last sampler window (btop's process CPU %, divided by 100).",
                                                         kNameLabels, "ratio", kBoth, "Processes; macOS: processes");
inline constexpr HostFamily kGroupResidentMemory =
    gauge("host_process_group_resident_memory_bytes", "Resident memory of the group's processes, as btop shows it.",
          kNameLabels, "bytes", kBoth, "Processes; macOS: processes");
inline constexpr HostFamily kGroupFootprint =
    gauge("host_process_group_footprint_bytes",
          "Physical footprint of the group's processes (macOS "
          "ri_phys_footprint, Activity Monitor's Memory column); only processes whose footprint could be read.",
          kNameLabels, "bytes", kMacOS, "macOS: processes");
inline constexpr HostFamily kGroupThreads = gauge("host_process_group_threads", "Threads of the group's processes.",
                                                  kNameLabels, "", kBoth, "Processes; macOS: processes");
inline constexpr HostFamily kGroupOpenFds =
    gauge("host_process_group_open_fds",
          "Open file descriptors of the group's processes whose descriptors could "
          "be counted.",
          kNameLabels, "", kBoth, "Processes; macOS: processes");
inline constexpr HostFamily kProcesses =
    gauge("host_processes", "Processes by state.", kStateLabels, "", kBoth, "Processes; macOS: processes");
inline constexpr HostFamily kThreads =
    gauge("host_threads", "Threads of every process.", {}, "", kBoth, "Processes; macOS: processes");
inline constexpr HostFamily kProcessInfo =
    gauge("host_process_info", "The command line of the window's top processes by CPU and by memory; always 1.",
          kProcessInfoLabels, "", kLinux, "Processes");

// The machine
inline constexpr HostFamily kEnvironmentInfo =
    gauge("host_exporter_environment_info",
          "Where host_exporter runs: virtualization and container as "
          "systemd-detect-virt names them, and a phrase for people; always 1.",
          kEnvironmentLabels, "", kBoth, "Environment; macOS: environment, gpu, powersupplyclass");
inline constexpr HostFamily kMeasuresHost =
    gauge("host_exporter_measures_host",
          "1 when the numbers are the host's; 0 inside a container or Docker "
          "Desktop's VM.",
          {}, "", kBoth, "Environment; macOS: environment, gpu, powersupplyclass");
inline constexpr HostFamily kGpuUtilization =
    gauge("host_gpu_utilization_ratio",
          "GPU busy share (IOAccelerator PerformanceStatistics \"Device Utilization "
          "%\" / 100).",
          kGpuLabels, "ratio", kMacOS, "macOS: environment, gpu, powersupplyclass");
inline constexpr HostFamily kPowerOnAc =
    gauge("host_power_supply_on_ac_power", "1 when the power source says it is on AC power.", kPowerSupplyLabels, "",
          kMacOS, "macOS: environment, gpu, powersupplyclass");

inline constexpr std::array kAll = {
    &kCpuUtilization,
    &kCpuCoreUtilization,
    &kCpuWindowStart,
    &kCpuWindowEnd,
    &kCpuCoreType,
    &kMemoryTotal,
    &kMemoryUsed,
    &kMemoryAvailable,
    &kMemoryCached,
    &kMemoryFree,
    &kSwapTotal,
    &kSwapUsed,
    &kMemoryApp,
    &kMemoryWired,
    &kMemoryCompressed,
    &kMemoryActivityMonitorUsed,
    &kMemoryCachedFiles,
    &kMemoryPressureLevel,
    &kDiskRead,
    &kDiskWrite,
    &kNetworkReceive,
    &kNetworkTransmit,
    &kFilesystemUsedRatio,
    &kFilesystemUsedBytes,
    &kGroupProcesses,
    &kGroupCpuSeconds,
    &kGroupCpuUtilization,
    &kGroupResidentMemory,
    &kGroupFootprint,
    &kGroupThreads,
    &kGroupOpenFds,
    &kProcesses,
    &kThreads,
    &kProcessInfo,
    &kEnvironmentInfo,
    &kMeasuresHost,
    &kGpuUtilization,
    &kPowerOnAc,
};

// An empty MetricFamily of this schema entry, for collectors still on the public Collector API.
inline MetricFamily empty_family(const HostFamily& entry) {
  return {std::string(entry.family.name), std::string(entry.family.help), entry.family.type, {}};
}

}  // namespace host_exporter::collectors::schema
