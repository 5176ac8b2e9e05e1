#include "collectors/cpu.hpp"

#include <stdexcept>
#include <string_view>

#include "collectors/definitions.hpp"
#include "collectors/host_schema.hpp"
#include "log/log.hpp"
#include "platform/linux/shared_proc_stat.hpp"

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

constexpr std::array<std::string_view, 2> kCpuModeLabels = {"cpu", "mode"};
constexpr FamilyDescriptor kSeconds{"node_cpu_seconds_total", "Seconds the CPUs spent in each mode.",
                                    MetricType::kCounter, kCpuModeLabels};
constexpr FamilyDescriptor kGuestSeconds{"node_cpu_guest_seconds_total",
                                         "Seconds the CPUs spent in guests (VMs) for each mode.", MetricType::kCounter,
                                         kCpuModeLabels};
}  // namespace

CpuCollector::CpuCollector(const platform::Roots& roots, bool guest,
                           std::shared_ptr<CpuUtilizationSource> utilization)
    : roots_(roots),
      guest_(guest),
      ticks_per_second_(platform::clock_ticks_per_second()),
      utilization_(std::move(utilization)) {}

void CpuCollector::update_counters(const platform::StatReading& reading) {
  for (auto& [id, state] : cpus_) state.online = false;
  for (const auto& line : reading.cpus) {
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

void CpuCollector::fill(ScrapeContext& scrape, Sink& sink) {
  std::lock_guard lock(mutex_);
  const platform::StatReading& reading = platform::shared_proc_stat(scrape.scratch(), roots_);
  if (!reading.ok()) throw std::runtime_error(reading.error);
  update_counters(reading);

  const auto fields = counter_fields();
  sink.begin(kSeconds);
  for (const auto& [id, state] : cpus_) {
    for (std::size_t m = 0; m < kModes.size(); ++m) {
      sink.sample_rendered(state.mode_labels[m], static_cast<double>(state.counters.*fields[m]) / ticks_per_second_);
    }
  }
  if (guest_) {
    // Guest time is also inside user and nice; node_exporter exports it separately
    // without subtracting it, and so do we.
    sink.begin(kGuestSeconds);
    for (const auto& [id, state] : cpus_) {
      sink.sample_rendered(state.guest_labels[0], static_cast<double>(state.counters.guest) / ticks_per_second_);
      sink.sample_rendered(state.guest_labels[1], static_cast<double>(state.counters.guest_nice) / ticks_per_second_);
    }
  }

  if (utilization_ && utilization_->copy_window(window_)) {
    if (window_.total) sink.single(schema::kCpuUtilization.family, *window_.total);
    sink.begin(schema::kCpuCoreUtilization.family);
    for (const auto& [cpu, ratio] : window_.cores) sink.sample_rendered(core_label(cpu), ratio);
    // The window's edges, so that the ratios can be reproduced from /proc/stat
    // read at the same instants (tests/integration/test_parity.py does).
    if (window_.start_time) sink.single(schema::kCpuWindowStart.family, *window_.start_time);
    sink.single(schema::kCpuWindowEnd.family, window_.end_time);
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
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
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
