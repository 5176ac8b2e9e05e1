// The time collector: node_exporter's node_time_seconds, node_time_zone_offset_seconds
// and, from <sysfs>/devices/system/clocksource, node_time_clocksource_{available,current}_info.
#include <array>
#include <chrono>
#include <string_view>
#include <mutex>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "platform/linux/clocksource_reader.hpp"
#include "platform/linux/time_zone.hpp"

namespace host_exporter::collectors {

namespace {

constexpr std::array<std::string_view, 1> kZoneLabels = {"time_zone"};
constexpr std::array<std::string_view, 2> kClocksourceLabels = {"clocksource", "device"};
constexpr FamilyDescriptor kSeconds{"node_time_seconds", "System time in seconds since epoch (1970).",
                                    MetricType::kGauge, {}};
constexpr FamilyDescriptor kZoneOffset{"node_time_zone_offset_seconds", "System time zone offset in seconds.",
                                       MetricType::kGauge, kZoneLabels};
constexpr FamilyDescriptor kAvailable{"node_time_clocksource_available_info",
                                      "Available clocksources read from '/sys/devices/system/clocksource'.",
                                      MetricType::kGauge, kClocksourceLabels};
constexpr FamilyDescriptor kCurrent{"node_time_clocksource_current_info",
                                    "Current clocksource read from '/sys/devices/system/clocksource'.",
                                    MetricType::kGauge, kClocksourceLabels};

class TimeCollector final : public HostCollector {
 public:
  explicit TimeCollector(const platform::Roots& roots) : clocksource_reader_(roots) {}

  void fill(ScrapeContext&, Sink& sink) override {
    const auto now = std::chrono::system_clock::now();
    const double seconds =
        static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count()) / 1e9;
    const auto zone = platform::local_time_zone(std::chrono::system_clock::to_time_t(now));

    std::lock_guard lock(mutex_);
    clocksource_reader_.read(clocksources_);
    if (!clocksources_.ok()) throw std::runtime_error(clocksources_.error);

    sink.single(kSeconds, seconds);
    sink.begin(kZoneOffset);
    sink.sample({zone.name}, static_cast<double>(zone.offset_seconds));
    if (clocksources_.devices.empty()) return;
    sink.begin(kAvailable);
    for (const auto& device : clocksources_.devices) {
      for (const auto& name : device.available) sink.sample({name, device.device}, 1.0);
    }
    sink.begin(kCurrent);
    for (const auto& device : clocksources_.devices) sink.sample({device.current, device.device}, 1.0);
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
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    return std::make_unique<TimeCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
