#include "platform/linux/hwmon_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <string_view>
#include <system_error>

#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

// Splits "temp12_input" into 12 and "input"; false for anything not a temperature file.
bool split_temperature_file(std::string_view file, std::uint64_t& number, std::string_view& property) {
  constexpr std::string_view kPrefix = "temp";
  if (file.substr(0, kPrefix.size()) != kPrefix) return false;
  file.remove_prefix(kPrefix.size());
  std::size_t digits = 0;
  while (digits < file.size() && file[digits] >= '0' && file[digits] <= '9') ++digits;
  number = 0;
  if (digits > 0 && !parse_u64(file.substr(0, digits), number)) return false;
  file.remove_prefix(digits);
  if (file.empty() || file.front() != '_') return false;  // a bare "tempN" carries no property we use
  property = file.substr(1);
  return !property.empty();
}

void read_temperatures(const fs::path& directory, std::map<std::uint64_t, TemperatureSensor>& sensors) {
  std::error_code ec;
  fs::directory_iterator it(directory, ec);
  if (ec) return;
  std::string text;
  for (const fs::directory_entry& entry : it) {
    const std::string file = entry.path().filename().string();
    std::uint64_t number = 0;
    std::string_view property;
    if (!split_temperature_file(file, number, property)) continue;
    if (property != "input" && property != "max" && property != "crit" && property != "label") continue;
    if (!read_file(entry.path().string(), text)) continue;
    const std::string_view value = trim(text);
    TemperatureSensor& sensor = sensors[number];
    if (sensor.sensor.empty()) sensor.sensor = "temp" + std::to_string(number);
    if (property == "label") {
      sensor.label = std::string(value);
      continue;
    }
    std::int64_t millidegrees = 0;
    if (!parse_i64(value, millidegrees)) continue;
    if (property == "input") sensor.input = millidegrees;
    if (property == "max") sensor.max = millidegrees;
    if (property == "crit") sensor.crit = millidegrees;
  }
}

}  // namespace

HwmonReader::HwmonReader(const Roots& roots) : class_path_(roots.sys("class/hwmon")) {}

bool HwmonReader::read(HwmonReading& reading) {
  reading.chips.clear();
  reading.error.clear();
  std::error_code ec;
  if (class_missing_.remembered()) return true;
  if (!fs::exists(class_path_, ec)) {
    if (!ec) class_missing_.note_failure(class_path_, ENOENT);
    return true;
  }
  fs::directory_iterator it(class_path_, ec);
  if (ec) {
    reading.error = class_path_ + ": " + ec.message();
    return false;
  }
  for (const fs::directory_entry& entry : it) {
    if (!entry.is_directory(ec)) continue;  // follows the hwmonN -> ../../devices/... link
    HwmonChip chip;
    chip.directory = entry.path().string();
    const fs::path real = fs::canonical(entry.path(), ec);
    chip.real_directory_name = ec ? entry.path().filename().string() : real.filename().string();
    const fs::path device_link = entry.path() / "device";
    const fs::path device = fs::canonical(device_link, ec);
    if (!ec) chip.device_path = device.string();
    std::string name;
    if (read_file((entry.path() / "name").string(), name)) chip.name = std::string(trim(name));

    std::map<std::uint64_t, TemperatureSensor> sensors;
    read_temperatures(entry.path(), sensors);
    if (!chip.device_path.empty()) read_temperatures(device_link, sensors);  // older drivers keep them there
    for (auto& [number, sensor] : sensors) chip.temperatures.push_back(std::move(sensor));
    reading.chips.push_back(std::move(chip));
  }
  std::sort(reading.chips.begin(), reading.chips.end(),
            [](const HwmonChip& a, const HwmonChip& b) { return a.directory < b.directory; });
  return true;
}

}  // namespace host_exporter::platform
