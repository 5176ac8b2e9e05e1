// An interface's exact counters: sysctl {CTL_NET, PF_LINK, NETLINK_GENERIC, IFMIB_IFDATA,
// index, IFDATA_GENERAL} (conversions/interface_mib.hpp says why not NET_RT_IFLIST2's).
#include <net/if.h>
#include <net/if_mib.h>
#include <net/if_var.h>
#include <sys/socket.h>
#include <sys/sysctl.h>

#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform::darwin {

bool read_interface_mib(std::uint16_t index, InterfaceCounters& out) {
  int mib[] = {CTL_NET, PF_LINK, NETLINK_GENERIC, IFMIB_IFDATA, static_cast<int>(index), IFDATA_GENERAL};
  ifmibdata data{};
  std::size_t size = sizeof data;
  if (::sysctl(mib, 6, &data, &size, nullptr, 0) != 0 || size < sizeof data) return false;
  const if_data64& d = data.ifmd_data;
  out.type = d.ifi_type;
  out.mtu = d.ifi_mtu;
  out.receive_packets = d.ifi_ipackets;
  out.receive_errors = d.ifi_ierrors;
  out.transmit_packets = d.ifi_opackets;
  out.transmit_errors = d.ifi_oerrors;
  out.collisions = d.ifi_collisions;
  out.receive_bytes = d.ifi_ibytes;
  out.transmit_bytes = d.ifi_obytes;
  out.receive_multicast = d.ifi_imcasts;
  out.transmit_multicast = d.ifi_omcasts;
  out.receive_drops = d.ifi_iqdrops;
  out.receive_noproto = d.ifi_noproto;
  return true;
}

}  // namespace host_exporter::platform::darwin
