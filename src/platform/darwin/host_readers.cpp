#include "platform/darwin/host_readers.hpp"

#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform::darwin {

HostReaders host_readers() {
  HostReaders readers;
  readers.cpu = read_cpu_ticks;
  readers.perf_levels = read_perf_levels;
  readers.memory = read_memory;
  readers.load = read_load;
  readers.boot_time = read_boot_time;
  readers.uname = read_uname;
  readers.system_version_plist = read_system_version_plist;
  readers.filesystems = read_filesystems;
  readers.filesystem_usage = read_statfs_usage;
  readers.disks = read_disks;
  readers.interface_messages = read_interface_messages;
  readers.interface_mib = read_interface_mib;
  readers.processes = read_processes;
  readers.environment = read_environment_hints;
  readers.gpus = read_gpus;
  readers.power_sources = read_power_sources;
  return readers;
}

}  // namespace host_exporter::platform::darwin
