// verify's CPU recording on macOS: host_processor_info summed over the CPUs, in
// CLK_TCK ticks; busy is user + system + nice (the Mach counters have no iowait).
#include "platform/cpu_tick_reader.hpp"

#include <vector>

#include "platform/darwin/conversions/cpu_ticks.hpp"
#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform {

struct CpuTickReader::State {
  std::vector<darwin::CpuLoadTicks> cpus;
};

CpuTickReader::CpuTickReader(const Roots&) : state_(std::make_unique<State>()) {}

CpuTickReader::~CpuTickReader() = default;

std::optional<CpuBusyTicks> CpuTickReader::read(std::string& error) {
  if (!darwin::read_cpu_ticks(state_->cpus, error) || state_->cpus.empty()) return std::nullopt;
  const darwin::CpuLoadTicks sum = darwin::sum_ticks(state_->cpus);
  const auto total = static_cast<double>(darwin::total_ticks(sum));
  return CpuBusyTicks{total - static_cast<double>(sum.idle), total};
}

}  // namespace host_exporter::platform
