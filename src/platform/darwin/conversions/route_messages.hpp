#pragma once
// The interface list of sysctl {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0}: a byte buffer
// of routing messages, each starting with its length (u_short), version and type. An
// RTM_IFINFO2 message is a struct if_msghdr2 (with the 64-bit counters of if_data64)
// followed by the interface's link-level sockaddr_dl, which holds its name. Other
// messages (RTM_NEWMADDR2 for multicast addresses) are skipped by their length. The
// collectors take only the list from here: for programs that are not Apple platform
// binaries XNU rounds and truncates the byte counters (interface_mib.hpp has the exact ones).
//
// The layout below is that of the macOS SDK's <net/if.h>, <net/if_var.h> and <net/if_dl.h>
// (if_msghdr2 is packed to 4 bytes); the adapter checks it with static_assert against
// the real structs, so a layout change breaks the build, not the numbers.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::platform::darwin {

namespace if_msghdr2_layout {
inline constexpr std::size_t kMsglen = 0;    // u_short ifm_msglen
inline constexpr std::size_t kVersion = 2;   // u_char ifm_version
inline constexpr std::size_t kType = 3;      // u_char ifm_type
inline constexpr std::size_t kAddrs = 4;     // int ifm_addrs
inline constexpr std::size_t kFlags = 8;     // int ifm_flags
inline constexpr std::size_t kIndex = 12;    // u_short ifm_index
inline constexpr std::size_t kData = 32;     // struct if_data64 ifm_data
inline constexpr std::size_t kSize = 160;    // sizeof(struct if_msghdr2)
// Offsets inside struct if_data64.
inline constexpr std::size_t kDataType = 0;        // u_char ifi_type
inline constexpr std::size_t kDataMtu = 8;         // u_int32_t ifi_mtu
inline constexpr std::size_t kDataIpackets = 24;   // then u_int64_t ierrors, opackets, oerrors,
inline constexpr std::size_t kDataIerrors = 32;    // collisions, ibytes, obytes, imcasts,
inline constexpr std::size_t kDataOpackets = 40;   // omcasts, iqdrops, noproto, 8 bytes apart
inline constexpr std::size_t kDataOerrors = 48;
inline constexpr std::size_t kDataCollisions = 56;
inline constexpr std::size_t kDataIbytes = 64;
inline constexpr std::size_t kDataObytes = 72;
inline constexpr std::size_t kDataImcasts = 80;
inline constexpr std::size_t kDataOmcasts = 88;
inline constexpr std::size_t kDataIqdrops = 96;
inline constexpr std::size_t kDataNoproto = 104;
// struct sockaddr_dl, right after the header when ifm_addrs has RTA_IFP.
inline constexpr std::size_t kSdlNlen = 5;  // u_char sdl_nlen
inline constexpr std::size_t kSdlData = 8;  // char sdl_data[]: the name, then the address
}  // namespace if_msghdr2_layout

inline constexpr unsigned char kRtmVersion = 5;     // RTM_VERSION
inline constexpr unsigned char kRtmIfinfo2 = 0x12;  // RTM_IFINFO2
inline constexpr int kRtaIfp = 0x10;                // RTA_IFP

// Appends one InterfaceCounters per RTM_IFINFO2 message of `buffer` (little-endian, as
// every Mac). False, with `error` set, for a message whose length runs past the buffer
// or is too short for its type; the interfaces before it are kept. An interface without
// a name gets "if<index>".
bool parse_interface_messages(std::string_view buffer, std::vector<InterfaceCounters>& out, std::string& error);

}  // namespace host_exporter::platform::darwin
