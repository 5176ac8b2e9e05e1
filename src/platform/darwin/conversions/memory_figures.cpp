#include "platform/darwin/conversions/memory_figures.hpp"

#include <algorithm>

namespace host_exporter::platform::darwin {

std::uint64_t pages_to_bytes(std::uint64_t pages, std::uint64_t page_size) { return pages * page_size; }

NodeMemory node_memory(const MemoryReading& reading) {
  const VmStatistics& vm = reading.vm;
  const std::uint64_t page = reading.page_size;
  NodeMemory out;
  out.total = reading.total_bytes;
  out.active = pages_to_bytes(vm.active_count, page);
  out.inactive = pages_to_bytes(vm.inactive_count, page);
  out.wired = pages_to_bytes(vm.wire_count, page);
  out.free = pages_to_bytes(vm.free_count, page);
  out.compressed = pages_to_bytes(vm.compressor_page_count, page);
  out.internal = pages_to_bytes(vm.internal_page_count, page);
  out.purgeable = pages_to_bytes(vm.purgeable_count, page);
  out.swapped_in = pages_to_bytes(vm.pageins, page);
  out.swapped_out = pages_to_bytes(vm.pageouts, page);
  return out;
}

BtopMemory btop_memory(const MemoryReading& reading) {
  const VmStatistics& vm = reading.vm;
  const std::uint64_t page = reading.page_size;
  BtopMemory out;
  out.total = reading.total_bytes;
  out.used = std::min(pages_to_bytes(vm.active_count + vm.wire_count, page), out.total);
  out.available = out.total - out.used;
  out.cached = pages_to_bytes(vm.external_page_count, page);
  out.free = pages_to_bytes(vm.free_count, page);
  return out;
}

ActivityMonitorMemory activity_monitor_memory(const MemoryReading& reading) {
  const VmStatistics& vm = reading.vm;
  const std::uint64_t page = reading.page_size;
  ActivityMonitorMemory out;
  // Purgeable pages are anonymous but given back on demand: not the apps' memory.
  const std::uint64_t app_pages =
      vm.internal_page_count > vm.purgeable_count ? vm.internal_page_count - vm.purgeable_count : 0;
  out.app = pages_to_bytes(app_pages, page);
  out.wired = pages_to_bytes(vm.wire_count, page);
  out.compressed = pages_to_bytes(vm.compressor_page_count, page);
  out.used = out.app + out.wired + out.compressed;
  out.cached_files = pages_to_bytes(vm.external_page_count + vm.purgeable_count, page);
  return out;
}

LinuxMemory linux_memory(const MemoryReading& reading) {
  LinuxMemory out;
  const ActivityMonitorMemory am = activity_monitor_memory(reading);
  out.mem_total = reading.total_bytes;
  out.mem_free = pages_to_bytes(reading.vm.free_count, reading.page_size);
  out.mem_available = am.used < out.mem_total ? out.mem_total - am.used : 0;
  out.cached = am.cached_files;
  return out;
}

}  // namespace host_exporter::platform::darwin
