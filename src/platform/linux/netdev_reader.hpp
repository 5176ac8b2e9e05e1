#pragma once
// /proc/net/dev: two header lines, then "name: " and 16 counters per interface,
// 8 for receive and 8 for transmit, in the kernel's column order.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/linux/cached_file.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {

// Column positions, as the header names them.
enum NetDevColumn : std::size_t {
  kReceiveBytes, kReceivePackets, kReceiveErrs, kReceiveDrop,
  kReceiveFifo, kReceiveFrame, kReceiveCompressed, kReceiveMulticast,
  kTransmitBytes, kTransmitPackets, kTransmitErrs, kTransmitDrop,
  kTransmitFifo, kTransmitColls, kTransmitCarrier, kTransmitCompressed,
  kNetDevColumnCount
};

struct NetDevLine {
  std::string device;
  std::array<std::uint64_t, kNetDevColumnCount> counters{};
};

struct NetDevReading {
  std::vector<NetDevLine> interfaces;
  std::string error;  // empty when the reading is good
};

// Parses /proc/net/dev text, reusing the reading's strings. A line without the
// colon or with fewer than 16 numbers makes the reading an error.
bool parse_netdev(std::string_view text, NetDevReading& reading);

class NetDevReader {
 public:
  explicit NetDevReader(const Roots& roots);
  bool read(NetDevReading& reading);

 private:
  CachedFile file_;  // kept open: re-read with pread each scrape
  std::string buffer_;
};

}  // namespace host_exporter::platform
