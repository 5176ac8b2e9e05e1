#include "collectors/darwin_cpu.hpp"

#include "collectors/host_schema.hpp"

#include <stdexcept>
#include <string>

#include "platform/darwin/conversions/core_types.hpp"
#include "platform/darwin/conversions/cpu_ticks.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;

DarwinCpuSource::DarwinCpuSource(darwin::Reader<std::vector<darwin::CpuLoadTicks>> reader)
    : reader_(std::move(reader)) {}

void DarwinCpuSource::take_sample(std::chrono::steady_clock::time_point /*now*/) {
  std::lock_guard sample_lock(sample_mutex_);
  std::string error;
  if (!reader_(current_, error)) {
    std::lock_guard publish_lock(published_mutex_);
    valid_ = false;
    return;
  }
  // The first window runs from boot (previous = zero), as btop's first sample.
  DarwinCpuWindow next;
  next.total = darwin::busy_ratio(darwin::sum_ticks(previous_), darwin::sum_ticks(current_));
  if (previous_.size() != current_.size()) next.total.reset();  // a CPU came or went
  for (std::size_t i = 0; i < current_.size(); ++i) {
    const darwin::CpuLoadTicks before = i < previous_.size() ? previous_[i] : darwin::CpuLoadTicks{};
    if (i >= previous_.size() && !previous_.empty()) continue;  // new CPU: first value one window later
    if (const auto ratio = darwin::busy_ratio(before, current_[i])) next.cores.emplace_back(static_cast<int>(i), *ratio);
  }
  std::swap(previous_, current_);
  std::lock_guard publish_lock(published_mutex_);
  published_ = std::move(next);
  valid_ = true;
}

bool DarwinCpuSource::copy_window(DarwinCpuWindow& out) const {
  std::lock_guard lock(published_mutex_);
  if (!valid_) return false;
  out = published_;
  return true;
}

DarwinCpuCollector::DarwinCpuCollector(darwin::Reader<std::vector<darwin::CpuLoadTicks>> reader,
                                       darwin::Reader<std::vector<darwin::PerfLevel>> perf_levels,
                                       std::shared_ptr<DarwinCpuSource> utilization)
    : reader_(std::move(reader)), perf_levels_(std::move(perf_levels)), utilization_(std::move(utilization)) {}

void DarwinCpuCollector::fill(ScrapeContext&, Sink& sink) {
  static constexpr std::string_view kCpuModeLabels[] = {"cpu", "mode"};
  static constexpr FamilyDescriptor kSeconds = {"node_cpu_seconds_total", "Seconds the CPUs spent in each mode.",
                                                MetricType::kCounter, kCpuModeLabels};
  std::lock_guard lock(mutex_);
  std::string error;
  if (!reader_(ticks_, error)) throw std::runtime_error("host_processor_info: " + error);
  while (mode_labels_.size() < ticks_.size()) {
    const std::string cpu = std::to_string(mode_labels_.size());
    mode_labels_.push_back({render_labels({{"cpu", cpu}, {"mode", "user"}}),
                            render_labels({{"cpu", cpu}, {"mode", "nice"}}),
                            render_labels({{"cpu", cpu}, {"mode", "system"}}),
                            render_labels({{"cpu", cpu}, {"mode", "idle"}})});
  }
  sink.begin(kSeconds);
  for (std::size_t i = 0; i < ticks_.size(); ++i) {
    const auto& t = ticks_[i];
    const auto& labels = mode_labels_[i];
    sink.sample_rendered(labels[0], darwin::ticks_to_seconds(t.user));
    sink.sample_rendered(labels[1], darwin::ticks_to_seconds(t.nice));
    sink.sample_rendered(labels[2], darwin::ticks_to_seconds(t.system));
    sink.sample_rendered(labels[3], darwin::ticks_to_seconds(t.idle));
  }

  if (!core_types_ && perf_levels_) {
    std::vector<darwin::PerfLevel> levels;
    std::string level_error;
    core_types_ = perf_levels_(levels, level_error) ? darwin::core_types_by_cpu(levels, ticks_.size())
                                                    : std::vector<std::string>{};
    for (std::size_t i = 0; i < core_types_->size(); ++i) {
      core_type_labels_.push_back(render_labels({{"cpu", std::to_string(i)}, {"core_type", (*core_types_)[i]}}));
    }
  }
  if (core_types_ && core_types_->size() == ticks_.size() && !core_types_->empty()) {
    sink.begin(schema::kCpuCoreType.family);
    for (const auto& labels : core_type_labels_) sink.sample_rendered(labels, 1.0);
  }

  if (!utilization_ || !utilization_->copy_window(window_)) return;
  if (window_.total) sink.single(schema::kCpuUtilization.family, *window_.total);
  sink.begin(schema::kCpuCoreUtilization.family);
  for (const auto& [cpu, ratio] : window_.cores) {
    const auto index = static_cast<std::size_t>(cpu);
    while (cpu_labels_.size() <= index) cpu_labels_.push_back(render_labels({{"cpu", std::to_string(cpu_labels_.size())}}));
    sink.sample_rendered(cpu_labels_[index], ratio);
  }
}

}  // namespace host_exporter::collectors
