#pragma once
// macOS memory, read fresh at scrape time, in four views (see docs/metrics.md, "macOS"):
//   node_memory_*_bytes         node_exporter's darwin names (meminfo_darwin.go)
//   node_memory_MemTotal_bytes ... Linux-shaped series for dashboards written for Linux
//   host_memory_*, host_swap_*  btop's macOS formulas
//   host_memory_app_bytes ...   Activity Monitor's figures, and the memory pressure level

#include "exposition/sink.hpp"
#include "platform/darwin/host_readers.hpp"

namespace host_exporter::collectors {

// The families of one reading, into the sink (the unit tests feed it recorded readings).
void fill_darwin_memory_families(const platform::darwin::MemoryReading& reading, exposition::Sink& sink);

}  // namespace host_exporter::collectors
