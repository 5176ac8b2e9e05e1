#pragma once
// Plain readings of a macOS host, filled by the adapter in src/platform/darwin/ from
// Mach, sysctl, IOKit and libproc. No OS header here: these structs carry the fields we
// use of vm_statistics64, xsw_usage, statfs, if_data64 ..., so that every conversion
// from them compiles and is unit-tested on Linux too.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace host_exporter::platform::darwin {

// The fields of struct vm_statistics64 (host_statistics64 HOST_VM_INFO64) we use, in pages.
struct VmStatistics {
  std::uint64_t free_count = 0;         // includes speculative pages
  std::uint64_t active_count = 0;
  std::uint64_t inactive_count = 0;
  std::uint64_t wire_count = 0;
  std::uint64_t speculative_count = 0;
  std::uint64_t throttled_count = 0;
  std::uint64_t purgeable_count = 0;
  std::uint64_t external_page_count = 0;    // file-backed
  std::uint64_t internal_page_count = 0;    // anonymous
  std::uint64_t compressor_page_count = 0;  // pages the compressor occupies
  std::uint64_t total_uncompressed_pages_in_compressor = 0;  // pages stored in it
  std::uint64_t pageins = 0;   // counters since boot
  std::uint64_t pageouts = 0;
  std::uint64_t swapins = 0;
  std::uint64_t swapouts = 0;
};

// sysctl vm.swapusage (struct xsw_usage), bytes.
struct SwapUsage {
  std::uint64_t total = 0;
  std::uint64_t avail = 0;
  std::uint64_t used = 0;
};

struct MemoryReading {
  VmStatistics vm;
  std::uint64_t page_size = 0;    // vm_kernel_page_size: 16384 on Apple Silicon, also under Rosetta
  std::uint64_t total_bytes = 0;  // sysctl hw.memsize
  std::optional<SwapUsage> swap;
  std::optional<int> pressure_level;  // kern.memorystatus_vm_pressure_level: 1 normal, 2 warning, 4 critical
};

// One CPU of host_processor_info(PROCESSOR_CPU_LOAD_INFO), in CLK_TCK ticks (100 per second).
struct CpuLoadTicks {
  std::uint64_t user = 0;
  std::uint64_t system = 0;
  std::uint64_t idle = 0;
  std::uint64_t nice = 0;
};

struct UnameReading {
  std::string sysname, nodename, release, version, machine;
};

// One mounted filesystem: getfsstat(MNT_NOWAIT) statfs fields (cached), and the space APFS
// counts as used (getattrlist ATTR_VOL_SPACEUSED), which statfs alone misreports on
// volumes that share a container.
struct FilesystemReading {
  std::string device;      // f_mntfromname
  std::string mountpoint;  // f_mntonname
  std::string fstype;      // f_fstypename
  std::uint64_t block_size = 0;  // f_bsize
  std::uint64_t blocks = 0;
  std::uint64_t blocks_free = 0;
  std::uint64_t blocks_available = 0;
  std::uint64_t files = 0;
  std::uint64_t files_free = 0;
  bool read_only = false;                      // MNT_RDONLY
  std::optional<std::uint64_t> space_used_bytes;  // ATTR_VOL_SPACEUSED
  // Free space counting what macOS would purge for an important use (CFURL's
  // VolumeAvailableCapacityForImportantUsage): node_filesystem_purgeable_bytes.
  std::optional<std::uint64_t> available_with_purgeable_bytes;
};

// One whole disk: an IOMedia whose parent is an IOBlockStorageDriver. `statistics` is
// the driver's "Statistics" dictionary as plain numbers ("Bytes (Read)", ...).
struct DiskReading {
  std::string name;  // BSD name, e.g. disk0
  std::map<std::string, std::int64_t> statistics;
};

// One network interface from an RTM_IFINFO2 message (if_msghdr2 + if_data64).
struct InterfaceCounters {
  std::string name;
  std::uint16_t index = 0;
  std::uint32_t mtu = 0;
  std::uint8_t type = 0;  // IFT_* of if_types.h
  std::uint64_t receive_packets = 0, receive_errors = 0, receive_bytes = 0, receive_multicast = 0;
  std::uint64_t receive_drops = 0, receive_noproto = 0;
  std::uint64_t transmit_packets = 0, transmit_errors = 0, transmit_bytes = 0, transmit_multicast = 0;
  std::uint64_t collisions = 0;
};

// One GPU: IOAccelerator "PerformanceStatistics".
struct GpuReading {
  std::string name;  // the accelerator's IOClass, e.g. AGXAcceleratorG13X: two GPUs may share it
  std::uint64_t registry_id = 0;  // IORegistryEntryGetRegistryEntryID: unique per device while booted
  std::optional<double> utilization_percent;  // "Device Utilization %", else "GPU Activity(%)"
};

// One power source of IOPowerSources (a battery or a UPS).
struct PowerSourceReading {
  std::string name;
  std::optional<double> current_capacity;  // kIOPSCurrentCapacityKey
  std::optional<double> max_capacity;      // kIOPSMaxCapacityKey
  bool charging = false;
  std::string state;  // kIOPSPowerSourceStateKey: "AC Power", "Battery Power" or "Off Line"
};

// One kind of core (sysctl hw.perflevelN.*): perflevel 0 is the fastest kind.
struct PerfLevel {
  std::string name;               // hw.perflevelN.name: "Performance", "Efficiency"
  std::uint32_t logical_cpus = 0;  // hw.perflevelN.logicalcpu
};

// What tells a macOS VM from a Mac: hw.model and kern.hv_vmm_present.
struct EnvironmentHints {
  std::string hw_model;               // "Mac14,2", "MacBookPro18,3", "VirtualMac2,1"
  std::optional<int> hv_vmm_present;  // 1 inside a VM (absent on old releases)
};

}  // namespace host_exporter::platform::darwin
