#include "platform/linux/clocksource_reader.hpp"

#include <dirent.h>

#include <algorithm>
#include <string_view>

#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

namespace {

bool is_clocksource_dir(std::string_view name) {
  constexpr std::string_view kPrefix = "clocksource";
  if (!name.starts_with(kPrefix) || name.size() == kPrefix.size()) return false;
  return std::all_of(name.begin() + kPrefix.size(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The first line's first field, e.g. "tsc" of "tsc\n".
std::string_view first_line(std::string_view text) { return text.substr(0, text.find('\n')); }

}  // namespace

ClocksourceReader::ClocksourceReader(const Roots& roots) : base_(roots.sys("devices/system/clocksource")) {}

void ClocksourceReader::list_devices() {
  listed_ = true;
  std::vector<std::string> names;
  if (DIR* dir = ::opendir(base_.c_str())) {
    while (const dirent* entry = ::readdir(dir)) {
      if (is_clocksource_dir(entry->d_name)) names.emplace_back(entry->d_name);
    }
    ::closedir(dir);
  }
  std::sort(names.begin(), names.end());  // glob order, which numbers the devices
  for (const auto& name : names) {
    const std::string dir = base_ + "/" + name;
    devices_.push_back({CachedFile(dir + "/available_clocksource", Rendering::kWhole),
                        CachedFile(dir + "/current_clocksource", Rendering::kWhole)});
  }
}

void ClocksourceReader::read(ClocksourceReading& out) {
  if (!listed_) list_devices();
  out.devices.resize(devices_.size());
  out.error.clear();
  for (std::size_t i = 0; i < devices_.size(); ++i) {
    Device& device = devices_[i];
    Clocksource& reading = out.devices[i];
    reading.device = std::to_string(i);
    if (!device.available.read(text_)) {
      out.error = "cannot read " + device.available.path();
      out.devices.clear();
      return;
    }
    reading.available.clear();
    std::string_view rest = first_line(text_);
    for (std::string_view name = next_field(rest); !name.empty(); name = next_field(rest)) {
      reading.available.emplace_back(name);
    }
    if (!device.current.read(text_)) {
      out.error = "cannot read " + device.current.path();
      out.devices.clear();
      return;
    }
    std::string_view current = first_line(text_);
    reading.current = std::string(next_field(current));
  }
}

void read_clocksources(const Roots& roots, ClocksourceReading& out) { ClocksourceReader(roots).read(out); }

}  // namespace host_exporter::platform
