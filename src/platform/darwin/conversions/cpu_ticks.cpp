#include "platform/darwin/conversions/cpu_ticks.hpp"

namespace host_exporter::platform::darwin {

double ticks_to_seconds(std::uint64_t ticks, double ticks_per_second) {
  return static_cast<double>(ticks) / ticks_per_second;
}

std::uint64_t total_ticks(const CpuLoadTicks& ticks) { return ticks.user + ticks.nice + ticks.system + ticks.idle; }

CpuLoadTicks sum_ticks(const std::vector<CpuLoadTicks>& cpus) {
  CpuLoadTicks sum;
  for (const auto& cpu : cpus) {
    sum.user += cpu.user;
    sum.system += cpu.system;
    sum.idle += cpu.idle;
    sum.nice += cpu.nice;
  }
  return sum;
}

std::optional<double> busy_ratio(const CpuLoadTicks& previous, const CpuLoadTicks& current) {
  if (current.user < previous.user || current.system < previous.system || current.idle < previous.idle ||
      current.nice < previous.nice) {
    return std::nullopt;
  }
  const std::uint64_t total = total_ticks(current) - total_ticks(previous);
  if (total == 0) return std::nullopt;
  const std::uint64_t idle = current.idle - previous.idle;
  return static_cast<double>(total - idle) / static_cast<double>(total);
}

}  // namespace host_exporter::platform::darwin
