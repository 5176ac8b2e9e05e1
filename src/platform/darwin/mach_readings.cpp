// CPU ticks and memory from Mach (host_processor_info, host_statistics64) and sysctl.
#include <mach/mach.h>
#include <mach/vm_page_size.h>
#include <sys/sysctl.h>

#include <cstring>

#include "platform/darwin/sysctl_value.hpp"
#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform::darwin {

bool read_cpu_ticks(std::vector<CpuLoadTicks>& out, std::string& error) {
  natural_t cpu_count = 0;
  processor_info_array_t info = nullptr;
  mach_msg_type_number_t info_count = 0;
  const kern_return_t status =
      host_processor_info(mach_host_self(), PROCESSOR_CPU_LOAD_INFO, &cpu_count, &info, &info_count);
  if (status != KERN_SUCCESS) {
    error = "host_processor_info: " + std::string(mach_error_string(status));
    return false;
  }
  out.resize(cpu_count);
  for (natural_t i = 0; i < cpu_count; ++i) {
    const integer_t* ticks = info + i * CPU_STATE_MAX;
    out[i].user = static_cast<natural_t>(ticks[CPU_STATE_USER]);
    out[i].system = static_cast<natural_t>(ticks[CPU_STATE_SYSTEM]);
    out[i].idle = static_cast<natural_t>(ticks[CPU_STATE_IDLE]);
    out[i].nice = static_cast<natural_t>(ticks[CPU_STATE_NICE]);
  }
  vm_deallocate(mach_task_self(), reinterpret_cast<vm_address_t>(info), info_count * sizeof(integer_t));
  return true;
}

bool read_memory(MemoryReading& out, std::string& error) {
  // A newer kernel may fill more than HOST_VM_INFO64_COUNT (psutil #2853): offer the most
  // any host info may take, HOST_INFO_MAX, and read only the fields we know.
  static_assert(HOST_INFO_MAX >= HOST_VM_INFO64_COUNT);
  alignas(8) host_info_data_t buffer = {};
  mach_msg_type_number_t count = HOST_INFO_MAX;
  const kern_return_t status =
      host_statistics64(mach_host_self(), HOST_VM_INFO64, buffer, &count);
  if (status != KERN_SUCCESS) {
    error = "host_statistics64: " + std::string(mach_error_string(status));
    return false;
  }
  if (count < HOST_VM_INFO64_COUNT) {
    error = "host_statistics64 returned " + std::to_string(count) + " words, fewer than vm_statistics64";
    return false;
  }
  vm_statistics64_data_t vm;
  std::memcpy(&vm, buffer, sizeof vm);
  VmStatistics& s = out.vm;
  s.free_count = vm.free_count;
  s.active_count = vm.active_count;
  s.inactive_count = vm.inactive_count;
  s.wire_count = vm.wire_count;
  s.speculative_count = vm.speculative_count;
  s.throttled_count = vm.throttled_count;
  s.purgeable_count = vm.purgeable_count;
  s.external_page_count = vm.external_page_count;
  s.internal_page_count = vm.internal_page_count;
  s.compressor_page_count = vm.compressor_page_count;
  s.total_uncompressed_pages_in_compressor = vm.total_uncompressed_pages_in_compressor;
  s.pageins = vm.pageins;
  s.pageouts = vm.pageouts;
  s.swapins = vm.swapins;
  s.swapouts = vm.swapouts;
  out.page_size = vm_kernel_page_size;  // not getpagesize(): 4096 under Rosetta
  if (!sysctl_value("hw.memsize", out.total_bytes)) {
    error = "sysctl hw.memsize failed";
    return false;
  }
  xsw_usage swap{};
  if (sysctl_value("vm.swapusage", swap)) out.swap = SwapUsage{swap.xsu_total, swap.xsu_avail, swap.xsu_used};
  int level = 0;
  if (sysctl_value("kern.memorystatus_vm_pressure_level", level)) out.pressure_level = level;
  return true;
}

}  // namespace host_exporter::platform::darwin
