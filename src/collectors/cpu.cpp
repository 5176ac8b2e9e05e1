#include "collectors/cpu.hpp"

#include <stdexcept>
#include <string_view>

#include "collectors/definitions.hpp"
#include "log/log.hpp"

namespace host_exporter::collectors {

namespace {

constexpr std::array<std::string_view, 8> kModes = {"user", "nice",    "system", "idle",
                                                    "iowait", "irq", "softirq", "steal"};

// node_exporter resets a CPU's cached counters when its idle time goes back by
// this much: the CPU was taken offline and brought back (hotplug).
constexpr double kJumpBackSeconds = 3.0;

std::array<std::uint64_t platform::CpuTimes::*, 10> counter_fields() {
  return {&platform::CpuTimes::user,   &platform::CpuTimes::nice,  &platform::CpuTimes::system,
          &platform::CpuTimes::idle,   &platform::CpuTimes::iowait, &platform::CpuTimes::irq,
          &platform::CpuTimes::softirq, &platform::CpuTimes::steal, &platform::CpuTimes::guest,
          &platform::CpuTimes::guest_nice};
}

}  // namespace

CpuCollector::CpuCollector(const platform::Roots& roots, bool guest,
                           std::shared_ptr<CpuUtilizationSource> utilization)
    : stat_(SharedStatReading::for_roots(roots)),
      guest_(guest),
      ticks_per_second_(platform::clock_ticks_per_second()),
      utilization_(std::move(utilization)) {}

void CpuCollector::update_counters() {
  for (auto& [id, state] : cpus_) state.online = false;
  for (const auto& line : reading_.cpus) {
    auto [it, inserted] = cpus_.try_emplace(line.cpu);
    CpuState& state = it->second;
    if (inserted) {
      const std::string cpu = std::to_string(line.cpu);
      for (std::size_t m = 0; m < kModes.size(); ++m) {
        state.mode_labels[m] = render_labels({{"cpu", cpu}, {"mode", kModes[m]}});
      }
      state.guest_labels[0] = render_labels({{"cpu", cpu}, {"mode", "user"}});
      state.guest_labels[1] = render_labels({{"cpu", cpu}, {"mode", "nice"}});
    }
    state.online = true;
    const platform::CpuTimes& fresh = line.times;
    // As node_exporter (>= 1.5): idle going back by 3 s or more means hotplug, so the
    // cache restarts from the new values; smaller steps back are ignored per field,
    // so every exported counter only ever grows.
    if (state.counters.idle > fresh.idle &&
        static_cast<double>(state.counters.idle - fresh.idle) / ticks_per_second_ >= kJumpBackSeconds) {
      log::debug("CPU Idle counter jumped backwards, possible hotplug event, resetting CPU stats",
                 {{"cpu", std::to_string(line.cpu)}});
      state.counters = platform::CpuTimes{};
    }
    for (const auto field : counter_fields()) {
      if (fresh.*field >= state.counters.*field) state.counters.*field = fresh.*field;
    }
  }
  // CPUs that went offline leave the output (node_exporter removes them too).
  for (auto it = cpus_.begin(); it != cpus_.end();) {
    it = it->second.online ? std::next(it) : cpus_.erase(it);
  }
}

const std::string& CpuCollector::core_label(int cpu) {
  auto [it, inserted] = core_labels_.try_emplace(cpu);
  if (inserted) it->second = render_labels({{"cpu", std::to_string(cpu)}});
  return it->second;
}

void CpuCollector::collect(std::vector<MetricFamily>& out) {
  std::lock_guard lock(mutex_);
  stat_->read(reading_);
  if (!reading_.ok()) throw std::runtime_error(reading_.error);
  update_counters();

  MetricFamily seconds{"node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", MetricType::kCounter, {}};
  seconds.series.reserve(cpus_.size() * kModes.size());
  MetricFamily guest{"node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.",
                     MetricType::kCounter, {}};
  if (guest_) guest.series.reserve(cpus_.size() * 2);
  const auto fields = counter_fields();
  for (const auto& [id, state] : cpus_) {
    for (std::size_t m = 0; m < kModes.size(); ++m) {
      seconds.series.push_back(
          {state.mode_labels[m], static_cast<double>(state.counters.*fields[m]) / ticks_per_second_, {}});
    }
    if (guest_) {
      // Guest time is also inside user and nice; node_exporter exports it separately
      // without subtracting it, and so do we.
      guest.series.push_back({state.guest_labels[0], static_cast<double>(state.counters.guest) / ticks_per_second_, {}});
      guest.series.push_back(
          {state.guest_labels[1], static_cast<double>(state.counters.guest_nice) / ticks_per_second_, {}});
    }
  }
  if (!seconds.series.empty()) out.push_back(std::move(seconds));
  if (!guest.series.empty()) out.push_back(std::move(guest));

  if (utilization_ && utilization_->copy_window(window_)) {
    if (window_.total) {
      out.push_back({"host_cpu_utilization_ratio",
                     "Busy share of all CPUs over the last sampler window, btop's formula: "
                     "1 - d(idle+iowait) / d(total of the first 8 /proc/stat columns).",
                     MetricType::kGauge,
                     {{"", *window_.total, {}}}});
    }
    if (!window_.cores.empty()) {
      MetricFamily cores{"host_cpu_core_utilization_ratio",
                         "Busy share of each CPU over the last sampler window, btop's per-core formula.",
                         MetricType::kGauge, {}};
      cores.series.reserve(window_.cores.size());
      for (const auto& [cpu, ratio] : window_.cores) cores.series.push_back({core_label(cpu), ratio, {}});
      out.push_back(std::move(cores));
    }
    // The window's edges, so that the ratios can be reproduced from /proc/stat
    // read at the same instants (tests/integration/test_parity.py does).
    if (window_.start_time) {
      out.push_back({"host_cpu_window_start_timestamp_seconds",
                     "Unix time at which the read of /proc/stat for the first sample of the CPU window began.",
                     MetricType::kGauge,
                     {{"", *window_.start_time, {}}}});
    }
    out.push_back({"host_cpu_window_end_timestamp_seconds",
                   "Unix time at which the read of /proc/stat for the last sample of the CPU window began.",
                   MetricType::kGauge,
                   {{"", window_.end_time, {}}}});
  }
}

namespace {
const char kGuestFlag[] = "guest";
}  // namespace

CollectorDefinition cpu_collector_definition() {
  CollectorDefinition definition;
  definition.name = "cpu";
  definition.enabled_by_default = true;
  definition.help = "CPU time per mode from /proc/stat, and btop's CPU utilisation over the sampler window.";
  definition.flags = {{kGuestFlag, "true", "Enables metric node_cpu_guest_seconds_total.", false}};
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<Collector> {
    const std::string& guest = context.config.get(kGuestFlag);
    if (!guest.empty() && guest != "true" && guest != "false") {
      throw std::invalid_argument("--collector.cpu.guest must be true or false, not \"" + guest + "\"");
    }
    std::shared_ptr<CpuUtilizationSource> utilization;
    if (context.sampler != nullptr) {
      utilization = std::make_shared<CpuUtilizationSource>(context.roots);
      context.sampler->add(utilization);
    }
    return std::make_unique<CpuCollector>(context.roots, guest != "false", std::move(utilization));
  };
  return definition;
}

}  // namespace host_exporter::collectors
