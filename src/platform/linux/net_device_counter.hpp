#pragma once
// One counter of a network device from <sysfs>/class/net/<device>/statistics/<name>:
// the kernel fills these from the same dev_get_stats() as netlink's IFLA_STATS64,
// so rx_nohandler here is the number node_exporter 1.5 takes over netlink.
// The file is kept open between scrapes (CachedFile).

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/linux/cached_file.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {

class NetDeviceCounter {
 public:
  NetDeviceCounter(const Roots& roots, std::string_view device, std::string_view name);
  // False when the file is missing (a kernel before the counter, a device that left)
  // or does not hold a number. `buffer` is the caller's scratch, reused across devices.
  bool read(std::string& buffer, std::uint64_t& value);

 private:
  CachedFile file_;
};

}  // namespace host_exporter::platform
