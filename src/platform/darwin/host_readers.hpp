#pragma once
// The macOS adapter's interface: one function per reading, each filling a plain struct
// of platform/darwin/conversions/readings.hpp from Mach, sysctl, IOKit or libproc and
// returning false with a reason when it cannot. No OS header here: the collectors take
// these functions as values, so on Linux a test hands them recorded readings instead.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/darwin/conversions/interface_mib.hpp"
#include "platform/darwin/conversions/readings.hpp"
#include "platform/linux/filesystem_usage.hpp"  // its structs only: statfs fills them the same way
#include "platform/process_table.hpp"

namespace host_exporter::platform::darwin {

// The two clocks the process-group tracker needs, in nanoseconds (the unit of the table's
// CPU times): the machine's total CPU time (every core's user+nice+system+idle) and "now"
// on the clock of the table's start times, the wall clock (raw p_starttime,
// conversions/process_start.hpp).
struct ProcessClocks {
  std::uint64_t cpu_total_ns = 0;
  std::uint64_t now_ns = 0;
};

template <typename T>
using Reader = std::function<bool(T&, std::string& error)>;

struct HostReaders {
  Reader<std::vector<CpuLoadTicks>> cpu;       // host_processor_info, one entry per CPU
  Reader<std::vector<PerfLevel>> perf_levels;  // hw.nperflevels, hw.perflevelN.{name,logicalcpu}
  Reader<MemoryReading> memory;                // host_statistics64, hw.memsize, vm.swapusage, pressure level
  Reader<std::array<double, 3>> load;          // getloadavg
  Reader<double> boot_time;                    // kern.boottime, seconds since the epoch
  Reader<UnameReading> uname;                  // uname(3)
  Reader<std::string> system_version_plist;    // the text of SystemVersion.plist
  Reader<std::vector<FilesystemReading>> filesystems;  // getfsstat(MNT_NOWAIT), getattrlist, CFURL
  std::function<FilesystemUsageReading(const std::string& path)> filesystem_usage;  // statfs: may block
  Reader<std::vector<DiskReading>> disks;      // IOKit IOBlockStorageDriver statistics
  Reader<std::string> interface_messages;      // the raw sysctl NET_RT_IFLIST2 buffer: the interface list
  InterfaceMibReader interface_mib;            // sysctl IFMIB_IFDATA: each interface's exact counters
  std::function<bool(ProcessTable&, ProcessClocks&, std::string& error)> processes;  // KERN_PROC_ALL, libproc
  Reader<EnvironmentHints> environment;        // hw.model, kern.hv_vmm_present
  Reader<std::vector<GpuReading>> gpus;        // IOAccelerator PerformanceStatistics
  Reader<std::vector<PowerSourceReading>> power_sources;  // IOPowerSources
};

// The real readers (src/platform/darwin/*.cpp, macOS only).
HostReaders host_readers();

}  // namespace host_exporter::platform::darwin
