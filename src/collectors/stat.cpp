// The stat collector: node_exporter's kernel counters from /proc/stat.
#include <memory>
#include <optional>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "platform/linux/shared_proc_stat.hpp"
#include "platform/linux/stat_reader.hpp"

namespace host_exporter::collectors {

namespace {

constexpr FamilyDescriptor kBootTime{"node_boot_time_seconds", "Node boot time, in unixtime.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kContextSwitches{"node_context_switches_total", "Total number of context switches.",
                                            MetricType::kCounter, {}};
constexpr FamilyDescriptor kForks{"node_forks_total", "Total number of forks.", MetricType::kCounter, {}};
constexpr FamilyDescriptor kInterrupts{"node_intr_total", "Total number of interrupts serviced.",
                                       MetricType::kCounter, {}};
constexpr FamilyDescriptor kProcsRunning{"node_procs_running", "Number of processes in runnable state.",
                                         MetricType::kGauge, {}};
constexpr FamilyDescriptor kProcsBlocked{"node_procs_blocked",
                                         "Number of processes blocked waiting for I/O to complete.", MetricType::kGauge,
                                         {}};

class StatCollector final : public HostCollector {
 public:
  explicit StatCollector(const platform::Roots& roots) : roots_(roots) {}

  // /proc/stat comes from the scrape's context: read once per scrape with the cpu collector.
  void fill(ScrapeContext& scrape, Sink& sink) override {
    const platform::StatReading& reading = platform::shared_proc_stat(scrape.scratch(), roots_);
    if (!reading.ok()) throw std::runtime_error(reading.error);
    add(sink, kBootTime, reading.boot_time);
    add(sink, kContextSwitches, reading.context_switches);
    add(sink, kForks, reading.forks);
    add(sink, kInterrupts, reading.interrupts);
    add(sink, kProcsRunning, reading.procs_running);
    add(sink, kProcsBlocked, reading.procs_blocked);
  }

 private:
  // A line the kernel did not print leaves its metric out rather than reporting 0.
  static void add(Sink& sink, const FamilyDescriptor& family, const std::optional<std::uint64_t>& value) {
    if (value) sink.single(family, static_cast<double>(*value));
  }

  const platform::Roots roots_;
};

}  // namespace

CollectorDefinition stat_collector_definition() {
  CollectorDefinition definition;
  definition.name = "stat";
  definition.enabled_by_default = true;
  definition.help = "Kernel and system statistics from /proc/stat (boot time, context switches, forks, interrupts).";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    return std::make_unique<StatCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
