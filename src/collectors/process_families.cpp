#include "collectors/process_families.hpp"

#include "collectors/host_schema.hpp"

namespace host_exporter::collectors {

void append_process_group_families(const ProcessWindow& window, std::uint16_t always_exported_states,
                                   exposition::Sink& sink) {
  sink.begin(schema::kGroupProcesses.family);
  for (const auto& row : window.groups) sink.sample_rendered(row.labels, row.processes);

  sink.begin(schema::kGroupCpuSeconds.family);
  for (const auto& row : window.groups) {
    sink.sample_rendered(row.user_labels, row.user_seconds);
    sink.sample_rendered(row.system_labels, row.system_seconds);
  }

  sink.begin(schema::kGroupCpuUtilization.family);
  for (const auto& row : window.groups) {
    if (row.utilization) sink.sample_rendered(row.labels, *row.utilization);
  }

  sink.begin(schema::kGroupResidentMemory.family);
  for (const auto& row : window.groups) sink.sample_rendered(row.labels, row.resident_bytes);

  sink.begin(schema::kGroupFootprint.family);
  for (const auto& row : window.groups) {
    if (row.footprint_bytes) sink.sample_rendered(row.labels, *row.footprint_bytes);
  }

  sink.begin(schema::kGroupThreads.family);
  for (const auto& row : window.groups) sink.sample_rendered(row.labels, row.threads);

  sink.begin(schema::kGroupOpenFds.family);
  for (const auto& row : window.groups) {
    if (row.open_fds) sink.sample_rendered(row.labels, *row.open_fds);
  }

  sink.begin(schema::kProcesses.family);
  const std::string_view* names = process_state_names();
  for (std::size_t i = 0; i < kProcessStateCount; ++i) {
    if ((always_exported_states & (1u << i)) == 0 && window.state_counts[i] == 0) continue;
    sink.sample({names[i]}, static_cast<double>(window.state_counts[i]));
  }
  sink.single(schema::kThreads.family, window.threads);
}

}  // namespace host_exporter::collectors
