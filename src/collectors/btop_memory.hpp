#pragma once
// btop's Linux memory figures (btop 1.4, src/linux/btop_collect.cpp), in bytes:
//
//   total     = MemTotal
//   free      = MemFree
//   available = MemAvailable, or MemFree + Cached on kernels without it (< 3.14)
//   cached    = Cached (not Buffers, not SReclaimable)
//   with a ZFS ARC: cached += size; available += size - c_min when size > c_min
//   used      = total - available, or total - free when available > total
//   swap used = SwapTotal - SwapFree

#include <cstdint>
#include <optional>

#include "platform/linux/arcstats_reader.hpp"
#include "platform/linux/meminfo_reader.hpp"

namespace host_exporter::collectors {

struct BtopMemory {
  std::uint64_t total = 0;
  std::uint64_t used = 0;
  std::uint64_t available = 0;
  std::uint64_t cached = 0;
  std::uint64_t free = 0;
  std::uint64_t swap_total = 0;
  std::uint64_t swap_used = 0;
};

// nullopt when MemTotal or MemFree is missing. `arc` counts only when present and ok.
std::optional<BtopMemory> btop_memory(const platform::MeminfoReading& meminfo, const platform::ArcstatsReading& arc);

}  // namespace host_exporter::collectors
