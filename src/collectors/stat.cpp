// The stat collector: node_exporter's kernel counters from /proc/stat.
#include <memory>
#include <mutex>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "collectors/shared_stat.hpp"
#include "platform/linux/stat_reader.hpp"

namespace host_exporter::collectors {

namespace {

class StatCollector final : public Collector {
 public:
  explicit StatCollector(const platform::Roots& roots) : stat_(SharedStatReading::for_roots(roots)) {}

  void collect(std::vector<MetricFamily>& out) override {
    std::lock_guard lock(mutex_);
    stat_->read(reading_);
    if (!reading_.ok()) throw std::runtime_error(reading_.error);
    add(out, "node_boot_time_seconds", "Node boot time, in unixtime.", MetricType::kGauge, reading_.boot_time);
    add(out, "node_context_switches_total", "Total number of context switches.", MetricType::kCounter,
        reading_.context_switches);
    add(out, "node_forks_total", "Total number of forks.", MetricType::kCounter, reading_.forks);
    add(out, "node_intr_total", "Total number of interrupts serviced.", MetricType::kCounter, reading_.interrupts);
    add(out, "node_procs_running", "Number of processes in runnable state.", MetricType::kGauge,
        reading_.procs_running);
    add(out, "node_procs_blocked", "Number of processes blocked waiting for I/O to complete.", MetricType::kGauge,
        reading_.procs_blocked);
  }

 private:
  // A line the kernel did not print leaves its metric out rather than reporting 0.
  static void add(std::vector<MetricFamily>& out, const char* name, const char* help, MetricType type,
                  const std::optional<std::uint64_t>& value) {
    if (!value) return;
    out.push_back({name, help, type, {{"", static_cast<double>(*value), {}}}});
  }

  std::mutex mutex_;
  std::shared_ptr<SharedStatReading> stat_;  // read once per scrape with the cpu collector
  platform::StatReading reading_;
};

}  // namespace

CollectorDefinition stat_collector_definition() {
  CollectorDefinition definition;
  definition.name = "stat";
  definition.enabled_by_default = true;
  definition.help = "Kernel and system statistics from /proc/stat (boot time, context switches, forks, interrupts).";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<Collector> {
    return std::make_unique<StatCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
