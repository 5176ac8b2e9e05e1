#include "platform/linux/clocksource_reader.hpp"

#include <dirent.h>

#include <algorithm>
#include <string_view>

#include "platform/linux/proc_file.hpp"
#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

namespace {

bool is_clocksource_dir(std::string_view name) {
  constexpr std::string_view kPrefix = "clocksource";
  if (!name.starts_with(kPrefix) || name.size() == kPrefix.size()) return false;
  return std::all_of(name.begin() + kPrefix.size(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void read_clocksources(const Roots& roots, ClocksourceReading& out) {
  out.devices.clear();
  out.error.clear();
  const std::string base = roots.sys("devices/system/clocksource");
  std::vector<std::string> names;
  if (DIR* dir = ::opendir(base.c_str())) {
    while (const dirent* entry = ::readdir(dir)) {
      if (is_clocksource_dir(entry->d_name)) names.emplace_back(entry->d_name);
    }
    ::closedir(dir);
  }
  std::sort(names.begin(), names.end());  // glob order, which numbers the devices
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    Clocksource device;
    device.device = std::to_string(i);
    const std::string dir = base + "/" + names[i];
    if (!read_first_line(dir + "/available_clocksource", text)) {
      out.error = "cannot read " + dir + "/available_clocksource";
      return;
    }
    std::string_view rest = text;
    for (std::string_view name = next_field(rest); !name.empty(); name = next_field(rest)) {
      device.available.emplace_back(name);
    }
    if (!read_first_line(dir + "/current_clocksource", text)) {
      out.error = "cannot read " + dir + "/current_clocksource";
      return;
    }
    std::string_view current = text;
    device.current = std::string(next_field(current));
    out.devices.push_back(std::move(device));
  }
}

}  // namespace host_exporter::platform
