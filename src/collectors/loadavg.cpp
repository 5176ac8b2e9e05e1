// The loadavg collector: node_load1, node_load5, node_load15 from /proc/loadavg.
#include <mutex>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "platform/linux/loadavg_reader.hpp"

namespace host_exporter::collectors {

namespace {

constexpr FamilyDescriptor kLoad1{"node_load1", "1m load average.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kLoad5{"node_load5", "5m load average.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kLoad15{"node_load15", "15m load average.", MetricType::kGauge, {}};

class LoadavgCollector final : public HostCollector {
 public:
  explicit LoadavgCollector(const platform::Roots& roots) : file_(roots.proc("loadavg"), platform::Rendering::kWhole) {}

  void fill(ScrapeContext&, Sink& sink) override {
    std::lock_guard lock(mutex_);
    platform::read_loadavg(file_, buffer_, reading_);
    if (!reading_.ok()) throw std::runtime_error(reading_.error);
    sink.single(kLoad1, reading_.load1);
    sink.single(kLoad5, reading_.load5);
    sink.single(kLoad15, reading_.load15);
  }

 private:
  std::mutex mutex_;
  platform::CachedFile file_;  // kept open between scrapes
  std::string buffer_;
  platform::LoadavgReading reading_;
};

}  // namespace

CollectorDefinition loadavg_collector_definition() {
  CollectorDefinition definition;
  definition.name = "loadavg";
  definition.enabled_by_default = true;
  definition.help = "Load averages from /proc/loadavg.";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    return std::make_unique<LoadavgCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
