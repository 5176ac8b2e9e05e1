// doctor's machine size on macOS: hw.memsize (the adapter's memory reading) and the
// CPUs host_processor_info reports.
#include "platform/darwin/system_readers.hpp"
#include "platform/host_size.hpp"

namespace host_exporter::platform {

HostSize read_host_size(const Roots&) {
  HostSize size;
  size.memory_source = "sysctl hw.memsize";
  darwin::MemoryReading memory;
  if (std::string error; darwin::read_memory(memory, error) && memory.total_bytes > 0) {
    size.memory_bytes = memory.total_bytes;
  } else {
    size.memory_error = error.empty() ? "no hw.memsize" : error;
  }
  size.cpu_source = "host_processor_info";
  std::vector<darwin::CpuLoadTicks> cpus;
  if (std::string error; darwin::read_cpu_ticks(cpus, error) && !cpus.empty()) {
    size.cpus = cpus.size();
  } else {
    size.cpu_error = error.empty() ? "no CPUs" : error;
  }
  return size;
}

}  // namespace host_exporter::platform
