#include "collectors/darwin_memory.hpp"

#include <stdexcept>
#include <string>

#include "collectors/host_schema.hpp"
#include "platform/darwin/conversions/memory_figures.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;

namespace {

void gauge(std::vector<MetricFamily>& out, const char* name, const char* help, std::uint64_t value) {
  out.push_back({name, help, MetricType::kGauge, {Series{"", static_cast<double>(value), {}}}});
}

void gauge(std::vector<MetricFamily>& out, const schema::HostFamily& entry, std::uint64_t value) {
  out.push_back(schema::empty_family(entry));
  out.back().series.push_back({"", static_cast<double>(value), {}});
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
  gauge(out, schema::kMemoryTotal, btop.total);
  gauge(out, schema::kMemoryUsed, btop.used);
  gauge(out, schema::kMemoryAvailable, btop.available);
  gauge(out, schema::kMemoryCached, btop.cached);
  gauge(out, schema::kMemoryFree, btop.free);
  if (reading.swap) {
    gauge(out, schema::kSwapTotal, reading.swap->total);
    gauge(out, schema::kSwapUsed, reading.swap->used);
  }

  const darwin::ActivityMonitorMemory am = darwin::activity_monitor_memory(reading);
  gauge(out, schema::kMemoryApp, am.app);
  gauge(out, schema::kMemoryWired, am.wired);
  gauge(out, schema::kMemoryCompressed, am.compressed);
  gauge(out, schema::kMemoryActivityMonitorUsed, am.used);
  gauge(out, schema::kMemoryCachedFiles, am.cached_files);
  if (reading.pressure_level) {
    gauge(out, schema::kMemoryPressureLevel, static_cast<std::uint64_t>(*reading.pressure_level));
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
