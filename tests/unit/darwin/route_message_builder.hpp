#pragma once
// Routing-message buffers as sysctl NET_RT_IFLIST2 returns them, for the tests of the
// parser and of the netdev collector.

#include <cstdint>
#include <cstring>
#include <string>

#include "platform/darwin/conversions/route_messages.hpp"

namespace host_exporter::test {

// Builds one RTM_IFINFO2 message as <net/if.h> lays out struct if_msghdr2 (packed to 4),
// followed by a sockaddr_dl carrying the interface name.
inline std::string ifinfo2_message(std::uint16_t index, const std::string& name, std::uint64_t ibytes,
                                   std::uint64_t obytes, std::uint64_t ipackets, bool with_name = true) {
  namespace L = platform::darwin::if_msghdr2_layout;
  const std::size_t sdl_length = (8 + name.size() + 3) / 4 * 4 + 4;
  std::string message(L::kSize + (with_name ? sdl_length : 0), '\0');
  auto put = [&](std::size_t offset, auto value) {
    for (std::size_t i = 0; i < sizeof value; ++i) {
      message[offset + i] = static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff);
    }
  };
  put(L::kMsglen, static_cast<std::uint16_t>(message.size()));
  put(L::kVersion, platform::darwin::kRtmVersion);
  put(L::kType, platform::darwin::kRtmIfinfo2);
  put(L::kAddrs, static_cast<std::int32_t>(with_name ? platform::darwin::kRtaIfp : 0));
  put(L::kIndex, index);
  put(L::kData + L::kDataType, static_cast<std::uint8_t>(6));  // IFT_ETHER
  put(L::kData + L::kDataMtu, static_cast<std::uint32_t>(1500));
  put(L::kData + L::kDataIpackets, ipackets);
  put(L::kData + L::kDataIerrors, std::uint64_t{2});
  put(L::kData + L::kDataOpackets, std::uint64_t{7});
  put(L::kData + L::kDataOerrors, std::uint64_t{3});
  put(L::kData + L::kDataCollisions, std::uint64_t{4});
  put(L::kData + L::kDataIbytes, ibytes);
  put(L::kData + L::kDataObytes, obytes);
  put(L::kData + L::kDataImcasts, std::uint64_t{11});
  put(L::kData + L::kDataOmcasts, std::uint64_t{12});
  put(L::kData + L::kDataIqdrops, std::uint64_t{13});
  put(L::kData + L::kDataNoproto, std::uint64_t{14});
  if (with_name) {
    const std::size_t sdl = L::kSize;
    put(sdl + 0, static_cast<std::uint8_t>(sdl_length));
    put(sdl + 1, static_cast<std::uint8_t>(18));  // AF_LINK
    put(sdl + 2, index);
    put(sdl + L::kSdlNlen, static_cast<std::uint8_t>(name.size()));
    std::memcpy(message.data() + sdl + L::kSdlData, name.data(), name.size());
  }
  return message;
}

}  // namespace host_exporter::test
