// The hwmon collector: temperatures from <sysfs>/class/hwmon as node_exporter
// names them (node_hwmon_temp_celsius{chip,sensor} and its max/crit siblings,
// node_hwmon_chip_names, node_hwmon_sensor_label). Other sensor types (fans,
// voltages, power) are not exported.

#include <array>
#include <mutex>
#include <vector>
#include <stdexcept>
#include <string_view>

#include "collectors/definitions.hpp"
#include "collectors/hwmon.hpp"
#include "platform/linux/hwmon_reader.hpp"

namespace host_exporter::collectors {

std::string clean_hwmon_name(std::string_view text) {
  std::string cleaned;
  cleaned.reserve(text.size());
  for (const char c : text) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == ':' || lower == '_';
    cleaned += keep ? lower : '_';
  }
  const auto first = cleaned.find_first_not_of('_');
  if (first == std::string::npos) return {};
  const auto last = cleaned.find_last_not_of('_');
  return cleaned.substr(first, last - first + 1);
}

std::string hwmon_chip_label(const platform::HwmonChip& chip) {
  // 1. The device the monitor belongs to: "<parent directory>_<device>", stable
  //    across boots, unlike hwmonN, which follows the order drivers load in.
  if (!chip.device_path.empty()) {
    std::string_view path = chip.device_path;
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    const auto slash = path.rfind('/');
    const std::string device = clean_hwmon_name(path.substr(slash + 1));
    std::string_view parent = slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
    const auto parent_slash = parent.rfind('/');
    const std::string type = clean_hwmon_name(parent_slash == std::string_view::npos ? parent
                                                                                   : parent.substr(parent_slash + 1));
    if (!type.empty() && !device.empty()) return type + "_" + device;
    if (!device.empty()) return device;
  }
  // 2. The driver's name attribute.
  if (chip.name) {
    std::string name = clean_hwmon_name(*chip.name);
    if (!name.empty()) return name;
  }
  // 3. hwmonN itself.
  return clean_hwmon_name(chip.real_directory_name);
}

namespace {

constexpr std::array<std::string_view, 2> kChipNameLabels = {"chip", "chip_name"};
constexpr std::array<std::string_view, 3> kSensorLabelLabels = {"chip", "sensor", "label"};
constexpr std::array<std::string_view, 2> kSensorLabels = {"chip", "sensor"};
constexpr FamilyDescriptor kChipNames{"node_hwmon_chip_names", "Annotation metric for human-readable chip names",
                                      MetricType::kGauge, kChipNameLabels};
constexpr FamilyDescriptor kSensorLabel{"node_hwmon_sensor_label", "Label for given chip and sensor",
                                        MetricType::kGauge, kSensorLabelLabels};
constexpr FamilyDescriptor kInput{"node_hwmon_temp_celsius", "Hardware monitor for temperature (input)",
                                  MetricType::kGauge, kSensorLabels};
constexpr FamilyDescriptor kMax{"node_hwmon_temp_max_celsius", "Hardware monitor for temperature (max)",
                                MetricType::kGauge, kSensorLabels};
constexpr FamilyDescriptor kCrit{"node_hwmon_temp_crit_celsius", "Hardware monitor for temperature (crit)",
                                 MetricType::kGauge, kSensorLabels};

class HwmonCollector final : public HostCollector {
 public:
  explicit HwmonCollector(const platform::Roots& roots) : reader_(roots) {}

  void fill(ScrapeContext&, Sink& sink) override {
    std::lock_guard lock(mutex_);
    if (!reader_.read(reading_)) throw std::runtime_error(reading_.error);
    chip_labels_.resize(reading_.chips.size());
    for (std::size_t c = 0; c < reading_.chips.size(); ++c) chip_labels_[c] = hwmon_chip_label(reading_.chips[c]);

    sink.begin(kChipNames);
    for (std::size_t c = 0; c < reading_.chips.size(); ++c) {
      const auto& chip = reading_.chips[c];
      if (chip_labels_[c].empty() || !chip.name) continue;
      const std::string name = clean_hwmon_name(*chip.name);
      if (!name.empty()) sink.sample({chip_labels_[c], name}, 1.0);
    }
    sink.begin(kSensorLabel);
    for (std::size_t c = 0; c < reading_.chips.size(); ++c) {
      if (chip_labels_[c].empty()) continue;
      for (const auto& sensor : reading_.chips[c].temperatures) {
        if (sensor.label) sink.sample({chip_labels_[c], sensor.sensor, *sensor.label}, 1.0);
      }
    }
    const auto temperatures = [&](const FamilyDescriptor& family, auto field) {
      sink.begin(family);
      for (std::size_t c = 0; c < reading_.chips.size(); ++c) {
        if (chip_labels_[c].empty()) continue;
        for (const auto& sensor : reading_.chips[c].temperatures) {
          const auto& value = sensor.*field;
          if (value) sink.sample({chip_labels_[c], sensor.sensor}, static_cast<double>(*value) * 0.001);
        }
      }
    };
    using Sensor = platform::TemperatureSensor;
    temperatures(kInput, &Sensor::input);
    temperatures(kMax, &Sensor::max);
    temperatures(kCrit, &Sensor::crit);
  }

 private:
  std::mutex mutex_;
  platform::HwmonReader reader_;
  platform::HwmonReading reading_;
  std::vector<std::string> chip_labels_;  // per chip of reading_; empty: left out
};

}  // namespace

std::unique_ptr<HostCollector> make_hwmon_collector(const platform::Roots& roots) {
  return std::make_unique<HwmonCollector>(roots);
}

CollectorDefinition hwmon_collector_definition() {
  CollectorDefinition definition;
  definition.name = "hwmon";
  definition.enabled_by_default = true;
  definition.help = "Temperatures from /sys/class/hwmon.";
  definition.create = [](const CollectorContext& context) { return make_hwmon_collector(context.roots); };
  return definition;
}

}  // namespace host_exporter::collectors
