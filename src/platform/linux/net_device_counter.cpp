#include "platform/linux/net_device_counter.hpp"

#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

namespace {
std::string counter_path(const Roots& roots, std::string_view device, std::string_view name) {
  std::string relative = "class/net/";
  relative.append(device).append("/statistics/").append(name);
  return roots.sys(relative);
}
}  // namespace

NetDeviceCounter::NetDeviceCounter(const Roots& roots, std::string_view device, std::string_view name)
    : file_(counter_path(roots, device, name), Rendering::kWhole) {}

bool NetDeviceCounter::read(std::string& buffer, std::uint64_t& value) {
  if (!file_.read(buffer)) return false;
  std::string_view text = buffer;
  std::string_view line;
  return next_line(text, line) && parse_u64(line, value);
}

}  // namespace host_exporter::platform
