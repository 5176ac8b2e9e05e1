#include "platform/linux/udev_reader.hpp"

#include <array>
#include <utility>

#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

namespace {
constexpr std::string_view kPropertyPrefix = "E:";
}  // namespace

bool parse_udev_properties(std::string_view text, UdevDiskProperties& properties, std::string& error) {
  const std::array<std::pair<std::string_view, std::string*>, 5> wanted = {{
      {"ID_PATH", &properties.path},
      {"ID_MODEL", &properties.model},
      {"ID_REVISION", &properties.revision},
      {"ID_SERIAL_SHORT", &properties.serial},
      {"ID_WWN", &properties.wwn},
  }};
  for (const auto& [key, value] : wanted) value->clear();
  error.clear();
  std::string_view rest = text, line;
  while (next_line(rest, line)) {
    if (!line.starts_with(kPropertyPrefix)) continue;  // links, tags, watches: not properties
    line.remove_prefix(kPropertyPrefix.size());
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      if (error.empty()) error = "malformed udev property: \"E:" + std::string(line) + "\"";
      continue;
    }
    const std::string_view key = line.substr(0, equals);
    for (const auto& [wanted_key, value] : wanted) {
      if (key == wanted_key) value->assign(line.substr(equals + 1));
    }
  }
  return error.empty();
}

bool read_udev_disk_properties(const Roots& roots, unsigned major, unsigned minor, UdevDiskProperties& properties,
                               std::string& error) {
  const std::string path = roots.udev("b" + std::to_string(major) + ":" + std::to_string(minor));
  std::string text;
  std::string read_error;
  if (!read_file(path, text, &read_error)) {
    properties = {};
    error = path + ": " + read_error;
    return false;
  }
  if (!parse_udev_properties(text, properties, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

}  // namespace host_exporter::platform
