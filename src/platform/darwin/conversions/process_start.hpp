#pragma once
// A macOS process's start time as the process-group tracker keys it: the raw p_starttime
// (wall-clock time of the start, as the kernel stored it), in nanoseconds. Not
// p_starttime - kern.boottime: a wall-clock step moves kern.boottime (XNU keeps boottime
// as wall-clock minus uptime), so the difference would change for every process and
// each would look new for a window. The tracker's "now" is then the wall clock too.

#include <cstdint>

namespace host_exporter::platform::darwin {

// A timeval's seconds and microseconds in nanoseconds; 0 before the epoch.
std::uint64_t process_start_ns(std::int64_t seconds, std::int64_t microseconds);

}  // namespace host_exporter::platform::darwin
