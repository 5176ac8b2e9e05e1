#include "collectors/btop_memory.hpp"

namespace host_exporter::collectors {

std::optional<BtopMemory> btop_memory(const platform::MeminfoReading& meminfo, const platform::ArcstatsReading& arc) {
  const auto total = meminfo.bytes("MemTotal");
  const auto free = meminfo.bytes("MemFree");
  if (!total || !free) return std::nullopt;
  BtopMemory memory;
  memory.total = *total;
  memory.free = *free;
  memory.cached = meminfo.bytes("Cached").value_or(0);
  const auto available = meminfo.bytes("MemAvailable");
  memory.available = available ? *available : memory.free + memory.cached;
  if (arc.present && arc.ok()) {
    memory.cached += arc.size;
    if (arc.size > arc.c_min) memory.available += arc.size - arc.c_min;
  }
  memory.used = memory.total - (memory.available <= memory.total ? memory.available : std::min(memory.free, memory.total));
  const std::uint64_t swap_total = meminfo.bytes("SwapTotal").value_or(0);
  const std::uint64_t swap_free = meminfo.bytes("SwapFree").value_or(0);
  memory.swap_total = swap_total;
  memory.swap_used = swap_total > swap_free ? swap_total - swap_free : 0;
  return memory;
}

}  // namespace host_exporter::collectors
