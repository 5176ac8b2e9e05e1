#pragma once
// The adapter's reading functions, one per source; host_readers.cpp gathers them. No OS
// header here (each .cpp includes its own).

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/darwin/host_readers.hpp"

namespace host_exporter::platform::darwin {

bool read_cpu_ticks(std::vector<CpuLoadTicks>& out, std::string& error);
bool read_perf_levels(std::vector<PerfLevel>& out, std::string& error);
bool read_memory(MemoryReading& out, std::string& error);
bool read_load(std::array<double, 3>& out, std::string& error);
bool read_boot_time(double& out, std::string& error);
bool read_uname(UnameReading& out, std::string& error);
bool read_system_version_plist(std::string& out, std::string& error);
bool read_environment_hints(EnvironmentHints& out, std::string& error);
bool read_interface_messages(std::string& out, std::string& error);
bool read_interface_mib(std::uint16_t index, InterfaceCounters& out);
bool read_filesystems(std::vector<FilesystemReading>& out, std::string& error);
FilesystemUsageReading read_statfs_usage(const std::string& path);
bool read_disks(std::vector<DiskReading>& out, std::string& error);
bool read_gpus(std::vector<GpuReading>& out, std::string& error);
bool read_power_sources(std::vector<PowerSourceReading>& out, std::string& error);
bool read_processes(ProcessTable& out, ProcessClocks& clocks, std::string& error);

}  // namespace host_exporter::platform::darwin
