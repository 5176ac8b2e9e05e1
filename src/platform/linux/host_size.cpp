// doctor's machine size on Linux: MemTotal of <procfs>/meminfo and the cpuN lines of
// <procfs>/stat (the online CPUs).
#include "platform/host_size.hpp"

#include "platform/linux/meminfo_reader.hpp"
#include "platform/linux/stat_reader.hpp"

namespace host_exporter::platform {

HostSize read_host_size(const Roots& roots) {
  HostSize size;
  std::string buffer;
  MeminfoReading meminfo;
  size.memory_source = roots.proc("meminfo");
  read_meminfo(size.memory_source, buffer, meminfo);
  if (meminfo.ok()) size.memory_bytes = meminfo.bytes("MemTotal");
  if (!size.memory_bytes) size.memory_error = meminfo.ok() ? "no MemTotal" : meminfo.error;

  StatReading stat;
  size.cpu_source = roots.proc("stat");
  read_stat(size.cpu_source, buffer, stat);
  if (stat.ok()) size.cpus = stat.cpus.size();
  if (size.cpus == 0) size.cpu_error = stat.ok() ? "no cpuN lines" : stat.error;
  return size;
}

}  // namespace host_exporter::platform
