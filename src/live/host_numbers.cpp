#include "live/host_numbers.hpp"

#include <charconv>
#include <limits>

namespace host_exporter::live {

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

double or_none(std::optional<double> value) { return value.value_or(kNone); }

std::vector<float> core_ratios(const FamilyView& view) {
  std::vector<float> cores;
  const MetricFamily* family = view.find("host_cpu_core_utilization_ratio");
  if (family == nullptr) return cores;
  for (const auto& series : family->series) {
    const std::string cpu = label_value(series.labels, "cpu");
    unsigned index = 0;
    const auto parsed = std::from_chars(cpu.data(), cpu.data() + cpu.size(), index);
    if (parsed.ec != std::errc() || index > 4096) continue;
    if (cores.size() <= index) cores.resize(index + 1, std::numeric_limits<float>::quiet_NaN());
    cores[index] = static_cast<float>(number_of(series));
  }
  return cores;
}

}  // namespace

HostNumbers read_host_numbers(const FamilyView& view, double time) {
  HostNumbers numbers;
  numbers.time = time;
  numbers.cpu_ratio = or_none(view.scalar("host_cpu_utilization_ratio"));
  numbers.load1 = or_none(view.scalar("node_load1"));
  numbers.load5 = or_none(view.scalar("node_load5"));
  numbers.load15 = or_none(view.scalar("node_load15"));
  numbers.memory_total = or_none(view.scalar("host_memory_total_bytes"));
  numbers.memory_used = or_none(view.scalar("host_memory_used_bytes"));
  numbers.memory_available = or_none(view.scalar("host_memory_available_bytes"));
  numbers.memory_cached = or_none(view.scalar("host_memory_cached_bytes"));
  numbers.memory_free = or_none(view.scalar("host_memory_free_bytes"));
  numbers.swap_total = or_none(view.scalar("host_swap_total_bytes"));
  numbers.swap_used = or_none(view.scalar("host_swap_used_bytes"));
  numbers.disk_read = or_none(view.sum("host_disk_read_bytes_per_second"));
  numbers.disk_write = or_none(view.sum("host_disk_write_bytes_per_second"));
  numbers.network_receive = or_none(view.sum("host_network_receive_bytes_per_second"));
  numbers.network_transmit = or_none(view.sum("host_network_transmit_bytes_per_second"));
  numbers.cores = core_ratios(view);
  return numbers;
}

void write_host_numbers(nlohmann::ordered_json& json, const HostNumbers& n) {
  for (const auto& field : kHostNumberFields) json[field.name] = n.*field.member;
  auto& cores = json["core_ratios"] = nlohmann::ordered_json::array();
  for (const float core : n.cores) cores.push_back(static_cast<double>(core));
}

}  // namespace host_exporter::live
