#include "collectors/darwin_memory.hpp"

#include <cstdint>
#include <string_view>

#include "collectors/host_schema.hpp"
#include "platform/darwin/conversions/memory_figures.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;

using exposition::FamilyDescriptor;
using exposition::Sink;

namespace {

constexpr FamilyDescriptor gauge(std::string_view name, std::string_view help) {
  return {name, help, MetricType::kGauge, {}};
}

// node_exporter's darwin names (meminfo_darwin.go).
constexpr FamilyDescriptor kTotal = gauge("node_memory_total_bytes", "Memory information field total_bytes.");
constexpr FamilyDescriptor kActive = gauge("node_memory_active_bytes", "Memory information field active_bytes.");
constexpr FamilyDescriptor kInactive = gauge("node_memory_inactive_bytes", "Memory information field inactive_bytes.");
constexpr FamilyDescriptor kWired = gauge("node_memory_wired_bytes", "Memory information field wired_bytes.");
constexpr FamilyDescriptor kFree = gauge("node_memory_free_bytes", "Memory information field free_bytes.");
constexpr FamilyDescriptor kCompressed =
    gauge("node_memory_compressed_bytes", "Memory information field compressed_bytes.");
constexpr FamilyDescriptor kInternal = gauge("node_memory_internal_bytes", "Memory information field internal_bytes.");
constexpr FamilyDescriptor kPurgeable =
    gauge("node_memory_purgeable_bytes", "Memory information field purgeable_bytes.");
constexpr FamilyDescriptor kSwappedIn = {"node_memory_swapped_in_bytes_total",
                                         "Memory information field swapped_in_bytes_total.", MetricType::kCounter, {}};
constexpr FamilyDescriptor kSwappedOut = {"node_memory_swapped_out_bytes_total",
                                          "Memory information field swapped_out_bytes_total.", MetricType::kCounter, {}};
constexpr FamilyDescriptor kSwapUsed = gauge("node_memory_swap_used_bytes", "Memory information field swap_used_bytes.");
constexpr FamilyDescriptor kSwapTotal =
    gauge("node_memory_swap_total_bytes", "Memory information field swap_total_bytes.");

// Linux-shaped series for dashboards written for Linux.
constexpr FamilyDescriptor kMemTotal = gauge("node_memory_MemTotal_bytes", "Linux-shaped on macOS: hw.memsize.");
constexpr FamilyDescriptor kMemFree =
    gauge("node_memory_MemFree_bytes", "Linux-shaped on macOS: free pages x page size.");
constexpr FamilyDescriptor kMemAvailable =
    gauge("node_memory_MemAvailable_bytes",
          "Linux-shaped on macOS: total minus Activity Monitor's Memory Used (App + Wired + Compressed).");
constexpr FamilyDescriptor kCached =
    gauge("node_memory_Cached_bytes",
          "Linux-shaped on macOS: Activity Monitor's Cached Files ((file-backed + purgeable pages) x page size).");
constexpr FamilyDescriptor kSwapTotalLinux =
    gauge("node_memory_SwapTotal_bytes", "Linux-shaped on macOS: vm.swapusage total.");
constexpr FamilyDescriptor kSwapFreeLinux = gauge("node_memory_SwapFree_bytes", "Linux-shaped on macOS: vm.swapusage avail.");

void single(Sink& sink, const FamilyDescriptor& family, std::uint64_t value) {
  sink.single(family, static_cast<double>(value));
}

void single(Sink& sink, const schema::HostFamily& entry, std::uint64_t value) {
  sink.single(entry.family, static_cast<double>(value));
}

}  // namespace

void fill_darwin_memory_families(const darwin::MemoryReading& reading, Sink& sink) {
  const darwin::NodeMemory node = darwin::node_memory(reading);
  single(sink, kTotal, node.total);
  single(sink, kActive, node.active);
  single(sink, kInactive, node.inactive);
  single(sink, kWired, node.wired);
  single(sink, kFree, node.free);
  single(sink, kCompressed, node.compressed);
  single(sink, kInternal, node.internal);
  single(sink, kPurgeable, node.purgeable);
  single(sink, kSwappedIn, node.swapped_in);
  single(sink, kSwappedOut, node.swapped_out);
  if (reading.swap) {
    single(sink, kSwapUsed, reading.swap->used);
    single(sink, kSwapTotal, reading.swap->total);
  }

  const darwin::LinuxMemory linux_shaped = darwin::linux_memory(reading);
  single(sink, kMemTotal, linux_shaped.mem_total);
  single(sink, kMemFree, linux_shaped.mem_free);
  single(sink, kMemAvailable, linux_shaped.mem_available);
  single(sink, kCached, linux_shaped.cached);
  if (reading.swap) {
    single(sink, kSwapTotalLinux, reading.swap->total);
    single(sink, kSwapFreeLinux, reading.swap->avail);
  }

  const darwin::BtopMemory btop = darwin::btop_memory(reading);
  single(sink, schema::kMemoryTotal, btop.total);
  single(sink, schema::kMemoryUsed, btop.used);
  single(sink, schema::kMemoryAvailable, btop.available);
  single(sink, schema::kMemoryCached, btop.cached);
  single(sink, schema::kMemoryFree, btop.free);
  if (reading.swap) {
    single(sink, schema::kSwapTotal, reading.swap->total);
    single(sink, schema::kSwapUsed, reading.swap->used);
  }

  const darwin::ActivityMonitorMemory am = darwin::activity_monitor_memory(reading);
  single(sink, schema::kMemoryApp, am.app);
  single(sink, schema::kMemoryWired, am.wired);
  single(sink, schema::kMemoryCompressed, am.compressed);
  single(sink, schema::kMemoryActivityMonitorUsed, am.used);
  single(sink, schema::kMemoryCachedFiles, am.cached_files);
  if (reading.pressure_level) {
    single(sink, schema::kMemoryPressureLevel, static_cast<std::uint64_t>(*reading.pressure_level));
  }
}

}  // namespace host_exporter::collectors
