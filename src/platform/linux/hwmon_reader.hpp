#pragma once
// Temperature sensors of the hardware monitors in <sysfs>/class/hwmon/hwmon*
// (tempN_input, tempN_max, tempN_crit in millidegrees Celsius, tempN_label),
// with what is needed to name each chip: its "name" attribute and the resolved
// path of its "device" link.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/linux/missing_kernel_path.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {

struct TemperatureSensor {
  std::string sensor;                 // "temp1"
  std::optional<std::int64_t> input;  // millidegrees Celsius
  std::optional<std::int64_t> max;
  std::optional<std::int64_t> crit;
  std::optional<std::string> label;   // tempN_label, trimmed
};

struct HwmonChip {
  std::string directory;           // the listed path, <sysfs>/class/hwmon/hwmonN
  std::string real_directory_name; // last element of the directory with links resolved
  std::string device_path;         // the "device" link resolved; empty when there is none
  std::optional<std::string> name; // the "name" attribute, trimmed
  std::vector<TemperatureSensor> temperatures;  // by sensor number
};

struct HwmonReading {
  std::vector<HwmonChip> chips;  // by directory name
  std::string error;             // empty when the reading is good
};

class HwmonReader {
 public:
  explicit HwmonReader(const Roots& roots);

  // A machine without <sysfs>/class/hwmon (VMs, containers) is a good, empty
  // reading (looked for again every 30 s, MissingKernelPath). Attributes that cannot be read (drivers returning EAGAIN or EIO)
  // are left out; they do not fail the reading.
  bool read(HwmonReading& reading);

 private:
  std::string class_path_;
  MissingKernelPath class_missing_;
};

}  // namespace host_exporter::platform
