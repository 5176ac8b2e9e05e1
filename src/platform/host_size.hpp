#pragma once
// The machine's memory total and CPU count, as doctor's host-numbers check reports them
// (inside Docker Desktop's VM they are the VM's allocation). Linux: <procfs>/meminfo and
// <procfs>/stat (linux/host_size.cpp); macOS: hw.memsize and host_processor_info
// (darwin/host_size.cpp).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "platform/roots.hpp"

namespace host_exporter::platform {

struct HostSize {
  std::optional<std::uint64_t> memory_bytes;
  std::string memory_source;  // "/proc/meminfo", "sysctl hw.memsize"
  std::string memory_error;   // why memory_bytes is absent
  std::size_t cpus = 0;       // 0 when unknown
  std::string cpu_source;     // "/proc/stat", "host_processor_info"
  std::string cpu_error;      // why cpus is 0
};

HostSize read_host_size(const Roots& roots);

}  // namespace host_exporter::platform
