#include "platform/darwin/conversions/route_messages.hpp"

#include <cstdint>
#include <cstring>

namespace host_exporter::platform::darwin {

namespace {

// Unaligned little-endian reads: message boundaries are only 4-byte aligned.
template <typename T>
T read_at(std::string_view bytes, std::size_t offset) {
  unsigned char raw[sizeof(T)];
  std::memcpy(raw, bytes.data() + offset, sizeof(T));
  std::uint64_t value = 0;
  for (std::size_t i = sizeof(T); i-- > 0;) value = (value << 8) | raw[i];
  return static_cast<T>(value);
}

}  // namespace

bool parse_interface_messages(std::string_view buffer, std::vector<InterfaceCounters>& out, std::string& error) {
  namespace L = if_msghdr2_layout;
  std::size_t offset = 0;
  while (offset < buffer.size()) {
    if (buffer.size() - offset < 4) {
      error = "truncated routing message header at offset " + std::to_string(offset);
      return false;
    }
    const std::string_view rest = buffer.substr(offset);
    const auto length = read_at<std::uint16_t>(rest, L::kMsglen);
    if (length < 4 || length > rest.size()) {
      error = "routing message at offset " + std::to_string(offset) + " has length " + std::to_string(length) +
              ", " + std::to_string(rest.size()) + " bytes left";
      return false;
    }
    const std::string_view message = rest.substr(0, length);
    offset += length;
    if (read_at<std::uint8_t>(message, L::kVersion) != kRtmVersion ||
        read_at<std::uint8_t>(message, L::kType) != kRtmIfinfo2) {
      continue;
    }
    if (message.size() < L::kSize) {
      error = "RTM_IFINFO2 message of " + std::to_string(message.size()) + " bytes, expected at least " +
              std::to_string(L::kSize);
      return false;
    }
    const std::string_view data = message.substr(L::kData);
    InterfaceCounters counters;
    counters.index = read_at<std::uint16_t>(message, L::kIndex);
    counters.type = read_at<std::uint8_t>(data, L::kDataType);
    counters.mtu = read_at<std::uint32_t>(data, L::kDataMtu);
    counters.receive_packets = read_at<std::uint64_t>(data, L::kDataIpackets);
    counters.receive_errors = read_at<std::uint64_t>(data, L::kDataIerrors);
    counters.transmit_packets = read_at<std::uint64_t>(data, L::kDataOpackets);
    counters.transmit_errors = read_at<std::uint64_t>(data, L::kDataOerrors);
    counters.collisions = read_at<std::uint64_t>(data, L::kDataCollisions);
    counters.receive_bytes = read_at<std::uint64_t>(data, L::kDataIbytes);
    counters.transmit_bytes = read_at<std::uint64_t>(data, L::kDataObytes);
    counters.receive_multicast = read_at<std::uint64_t>(data, L::kDataImcasts);
    counters.transmit_multicast = read_at<std::uint64_t>(data, L::kDataOmcasts);
    counters.receive_drops = read_at<std::uint64_t>(data, L::kDataIqdrops);
    counters.receive_noproto = read_at<std::uint64_t>(data, L::kDataNoproto);

    const auto addrs = read_at<std::int32_t>(message, L::kAddrs);
    const std::string_view link = message.substr(L::kSize);
    if ((addrs & kRtaIfp) != 0 && link.size() > L::kSdlData) {
      const std::size_t name_length = read_at<std::uint8_t>(link, L::kSdlNlen);
      if (L::kSdlData + name_length <= link.size()) counters.name = std::string(link.substr(L::kSdlData, name_length));
    }
    if (counters.name.empty()) counters.name = "if" + std::to_string(counters.index);
    out.push_back(std::move(counters));
  }
  return true;
}

}  // namespace host_exporter::platform::darwin
