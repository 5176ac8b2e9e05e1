#include "collectors/darwin_memory.hpp"

#include <stdexcept>
#include <string>

#include "platform/darwin/conversions/memory_figures.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;

namespace {

void gauge(std::vector<MetricFamily>& out, const char* name, const char* help, std::uint64_t value) {
  out.push_back({name, help, MetricType::kGauge, {Series{"", static_cast<double>(value), {}}}});
}

void counter(std::vector<MetricFamily>& out, const char* name, const char* help, std::uint64_t value) {
  out.push_back({name, help, MetricType::kCounter, {Series{"", static_cast<double>(value), {}}}});
}

}  // namespace

void append_darwin_memory_families(const darwin::MemoryReading& reading, std::vector<MetricFamily>& out) {
  const darwin::NodeMemory node = darwin::node_memory(reading);
  gauge(out, "node_memory_total_bytes", "Memory information field total_bytes.", node.total);
  gauge(out, "node_memory_active_bytes", "Memory information field active_bytes.", node.active);
  gauge(out, "node_memory_inactive_bytes", "Memory information field inactive_bytes.", node.inactive);
  gauge(out, "node_memory_wired_bytes", "Memory information field wired_bytes.", node.wired);
  gauge(out, "node_memory_free_bytes", "Memory information field free_bytes.", node.free);
  gauge(out, "node_memory_compressed_bytes", "Memory information field compressed_bytes.", node.compressed);
  gauge(out, "node_memory_internal_bytes", "Memory information field internal_bytes.", node.internal);
  gauge(out, "node_memory_purgeable_bytes", "Memory information field purgeable_bytes.", node.purgeable);
  counter(out, "node_memory_swapped_in_bytes_total", "Memory information field swapped_in_bytes_total.",
          node.swapped_in);
  counter(out, "node_memory_swapped_out_bytes_total", "Memory information field swapped_out_bytes_total.",
          node.swapped_out);
  if (reading.swap) {
    gauge(out, "node_memory_swap_used_bytes", "Memory information field swap_used_bytes.", reading.swap->used);
    gauge(out, "node_memory_swap_total_bytes", "Memory information field swap_total_bytes.", reading.swap->total);
  }

  const darwin::LinuxMemory linux_shaped = darwin::linux_memory(reading);
  gauge(out, "node_memory_MemTotal_bytes", "Linux-shaped on macOS: hw.memsize.", linux_shaped.mem_total);
  gauge(out, "node_memory_MemFree_bytes", "Linux-shaped on macOS: free pages x page size.", linux_shaped.mem_free);
  gauge(out, "node_memory_MemAvailable_bytes",
        "Linux-shaped on macOS: total minus Activity Monitor's Memory Used (App + Wired + Compressed).",
        linux_shaped.mem_available);
  gauge(out, "node_memory_Cached_bytes",
        "Linux-shaped on macOS: Activity Monitor's Cached Files ((file-backed + purgeable pages) x page size).",
        linux_shaped.cached);
  if (reading.swap) {
    gauge(out, "node_memory_SwapTotal_bytes", "Linux-shaped on macOS: vm.swapusage total.", reading.swap->total);
    gauge(out, "node_memory_SwapFree_bytes", "Linux-shaped on macOS: vm.swapusage avail.", reading.swap->avail);
  }

  const darwin::BtopMemory btop = darwin::btop_memory(reading);
  gauge(out, "host_memory_total_bytes", "Physical memory (btop: hw.memsize).", btop.total);
  gauge(out, "host_memory_used_bytes", "btop's used memory on macOS: (active + wired pages) x page size.", btop.used);
  gauge(out, "host_memory_available_bytes", "btop's available memory on macOS: total - used.", btop.available);
  gauge(out, "host_memory_cached_bytes", "btop's cached memory on macOS: file-backed pages x page size.",
        btop.cached);
  gauge(out, "host_memory_free_bytes", "btop's free memory on macOS: free pages x page size.", btop.free);
  if (reading.swap) {
    gauge(out, "host_swap_total_bytes", "Swap space (vm.swapusage total).", reading.swap->total);
    gauge(out, "host_swap_used_bytes", "Swap in use (vm.swapusage used).", reading.swap->used);
  }

  const darwin::ActivityMonitorMemory am = darwin::activity_monitor_memory(reading);
  gauge(out, "host_memory_app_bytes", "Activity Monitor's App Memory: (anonymous - purgeable pages) x page size.",
        am.app);
  gauge(out, "host_memory_wired_bytes", "Activity Monitor's Wired Memory: wired pages x page size.", am.wired);
  gauge(out, "host_memory_compressed_bytes",
        "Activity Monitor's Compressed: pages the compressor occupies x page size.", am.compressed);
  gauge(out, "host_memory_activity_monitor_used_bytes",
        "Activity Monitor's Memory Used: App Memory + Wired Memory + Compressed.", am.used);
  gauge(out, "host_memory_cached_files_bytes",
        "Activity Monitor's Cached Files: (file-backed + purgeable pages) x page size.", am.cached_files);
  if (reading.pressure_level) {
    out.push_back({"host_memory_pressure_level",
                   "kern.memorystatus_vm_pressure_level: 1 normal, 2 warning, 4 critical.", MetricType::kGauge,
                   {Series{"", static_cast<double>(*reading.pressure_level), {}}}});
  }
}

DarwinMemoryCollector::DarwinMemoryCollector(darwin::Reader<darwin::MemoryReading> reader)
    : reader_(std::move(reader)) {}

void DarwinMemoryCollector::collect(std::vector<MetricFamily>& out) {
  std::lock_guard lock(mutex_);
  darwin::MemoryReading reading;
  std::string error;
  if (!reader_(reading, error)) throw std::runtime_error(error);
  append_darwin_memory_families(reading, out);
}

}  // namespace host_exporter::collectors
