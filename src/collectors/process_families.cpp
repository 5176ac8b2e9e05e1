#include "collectors/process_families.hpp"

namespace host_exporter::collectors {

void append_process_group_families(const ProcessWindow& window, const ProcessFamilyHelp& help,
                                   std::vector<MetricFamily>& out) {
  const auto family = [&](const char* name, const char* help_text, MetricType type) -> MetricFamily& {
    out.push_back(MetricFamily{name, help_text, type, {}});
    out.back().series.reserve(window.groups.size());
    return out.back();
  };
  auto& processes = family("host_process_group_processes",
                           "Processes in the group (processes with the same name, as btop names them).",
                           MetricType::kGauge);
  for (const auto& row : window.groups) processes.series.push_back({row.labels, row.processes, {}});

  auto& cpu = family("host_process_group_cpu_seconds_total",
                     "CPU time of the group's processes while the group is reported under its own name "
                     "(otherwise under name=\"other\").",
                     MetricType::kCounter);
  cpu.series.reserve(2 * window.groups.size());
  for (const auto& row : window.groups) {
    cpu.series.push_back({row.user_labels, row.user_seconds, {}});
    cpu.series.push_back({row.system_labels, row.system_seconds, {}});
  }

  auto& utilization = family("host_process_group_cpu_utilization_ratio",
                             "The group's share of the whole machine's CPU time over the last sampler window "
                             "(btop's process CPU %, divided by 100).",
                             MetricType::kGauge);
  for (const auto& row : window.groups) {
    if (row.utilization) utilization.series.push_back({row.labels, *row.utilization, {}});
  }
  if (utilization.series.empty()) out.pop_back();

  auto& memory = family("host_process_group_resident_memory_bytes", help.resident_memory, MetricType::kGauge);
  for (const auto& row : window.groups) memory.series.push_back({row.labels, row.resident_bytes, {}});

  auto& footprint = family("host_process_group_footprint_bytes",
                           "Physical footprint of the group's processes (macOS ri_phys_footprint, Activity Monitor's "
                           "Memory column); only processes whose footprint could be read.",
                           MetricType::kGauge);
  for (const auto& row : window.groups) {
    if (row.footprint_bytes) footprint.series.push_back({row.labels, *row.footprint_bytes, {}});
  }
  if (footprint.series.empty()) out.pop_back();

  auto& threads = family("host_process_group_threads", "Threads of the group's processes.", MetricType::kGauge);
  for (const auto& row : window.groups) threads.series.push_back({row.labels, row.threads, {}});

  auto& fds = family("host_process_group_open_fds", help.open_fds, MetricType::kGauge);
  for (const auto& row : window.groups) {
    if (row.open_fds) fds.series.push_back({row.labels, *row.open_fds, {}});
  }
  if (fds.series.empty()) out.pop_back();

  auto& states = family("host_processes", help.states, MetricType::kGauge);
  const std::string_view* names = process_state_names();
  for (std::size_t i = 0; i < kProcessStateCount; ++i) {
    if ((help.always_exported_states & (1u << i)) == 0 && window.state_counts[i] == 0) continue;
    states.series.push_back({render_labels({{"state", names[i]}}), static_cast<double>(window.state_counts[i]), {}});
  }
  out.push_back(MetricFamily{"host_threads", "Threads of every process.", MetricType::kGauge,
                             {Series{"", window.threads, {}}}});
}

}  // namespace host_exporter::collectors
