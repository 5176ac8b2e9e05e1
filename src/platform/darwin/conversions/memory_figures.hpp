#pragma once
// Memory figures of a macOS host, in bytes, from one MemoryReading. Every view users
// compare us with is here, so that each has one definition and one test:
//
//   node_exporter (meminfo_darwin.go): page counts x page size, swap from vm.swapusage
//   btop (src/osx): used = active + wired; available = total - used;
//                   cached = external (file-backed) pages; free = free pages
//   Activity Monitor: App = internal - purgeable; Wired = wire; Compressed = compressor
//                   pages; Memory Used = App + Wired + Compressed;
//                   Cached Files = external + purgeable
//   Linux-shaped series (for dashboards written against /proc/meminfo), see linux_memory.
//
// Page counts are multiplied by vm_kernel_page_size (16 KiB on Apple Silicon), never by
// getpagesize(), which says 4096 to a process running under Rosetta.

#include <cstdint>

#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::platform::darwin {

struct NodeMemory {
  std::uint64_t total = 0, active = 0, inactive = 0, wired = 0, free = 0;
  std::uint64_t compressed = 0, internal = 0, purgeable = 0;
  std::uint64_t swapped_in = 0, swapped_out = 0;  // pageins, pageouts x page size (node_exporter's)
};

struct BtopMemory {
  std::uint64_t total = 0, used = 0, available = 0, cached = 0, free = 0;
};

struct ActivityMonitorMemory {
  std::uint64_t app = 0, wired = 0, compressed = 0, used = 0, cached_files = 0;
};

// The series a Linux dashboard needs (node_exporter #2223), with the meaning a Mac user
// expects: MemAvailable is what Activity Monitor does not count as used.
struct LinuxMemory {
  std::uint64_t mem_total = 0;      // hw.memsize
  std::uint64_t mem_free = 0;       // free pages (btop's free)
  std::uint64_t mem_available = 0;  // total - Activity Monitor's Memory Used, floored at 0
  std::uint64_t cached = 0;         // Activity Monitor's Cached Files
};

std::uint64_t pages_to_bytes(std::uint64_t pages, std::uint64_t page_size);

NodeMemory node_memory(const MemoryReading& reading);
BtopMemory btop_memory(const MemoryReading& reading);
ActivityMonitorMemory activity_monitor_memory(const MemoryReading& reading);
LinuxMemory linux_memory(const MemoryReading& reading);

}  // namespace host_exporter::platform::darwin
