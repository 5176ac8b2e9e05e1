// The time collector: node_exporter's node_time_seconds, node_time_zone_offset_seconds
// and, from <sysfs>/devices/system/clocksource, node_time_clocksource_{available,current}_info.
#include <chrono>
#include <mutex>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "platform/linux/clocksource_reader.hpp"
#include "platform/linux/time_zone.hpp"

namespace host_exporter::collectors {

namespace {

class TimeCollector final : public Collector {
 public:
  explicit TimeCollector(const platform::Roots& roots) : clocksource_reader_(roots) {}

  void collect(std::vector<MetricFamily>& out) override {
    const auto now = std::chrono::system_clock::now();
    const double seconds =
        static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count()) / 1e9;
    const auto zone = platform::local_time_zone(std::chrono::system_clock::to_time_t(now));

    std::lock_guard lock(mutex_);
    clocksource_reader_.read(clocksources_);
    if (!clocksources_.ok()) throw std::runtime_error(clocksources_.error);

    out.push_back({"node_time_seconds", "System time in seconds since epoch (1970).", MetricType::kGauge,
                   {{"", seconds, {}}}});
    out.push_back({"node_time_zone_offset_seconds", "System time zone offset in seconds.", MetricType::kGauge,
                   {{render_labels({{"time_zone", zone.name}}), static_cast<double>(zone.offset_seconds), {}}}});
    if (clocksources_.devices.empty()) return;
    MetricFamily available{"node_time_clocksource_available_info",
                           "Available clocksources read from '/sys/devices/system/clocksource'.", MetricType::kGauge, {}};
    MetricFamily current{"node_time_clocksource_current_info",
                         "Current clocksource read from '/sys/devices/system/clocksource'.", MetricType::kGauge, {}};
    for (const auto& device : clocksources_.devices) {
      for (const auto& name : device.available) {
        available.series.push_back({render_labels({{"clocksource", name}, {"device", device.device}}), 1.0, {}});
      }
      current.series.push_back({render_labels({{"clocksource", device.current}, {"device", device.device}}), 1.0, {}});
    }
    if (!available.series.empty()) out.push_back(std::move(available));
    out.push_back(std::move(current));
  }

 private:
  std::mutex mutex_;
  platform::ClocksourceReader clocksource_reader_;
  platform::ClocksourceReading clocksources_;
};

}  // namespace

CollectorDefinition time_collector_definition() {
  CollectorDefinition definition;
  definition.name = "time";
  definition.enabled_by_default = true;
  definition.help = "The system clock, the time zone offset and the kernel's clocksources.";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<Collector> {
    return std::make_unique<TimeCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
