#pragma once
// The exact counters of a network interface. NET_RT_IFLIST2 lists the interfaces, but for
// a program that is not an Apple platform binary XNU (sysctl_iflist2, bsd/net/rtsock.c)
// rounds ifi_ibytes/ifi_obytes down to 1 KiB and truncates them to 32 bits: they would
// wrap every 4 GiB. sysctl {CTL_NET, PF_LINK, NETLINK_GENERIC, IFMIB_IFDATA, index,
// IFDATA_GENERAL} (struct ifmibdata) carries the same if_data64 without that, as
// node_exporter reads it (collector/netdev_darwin.go).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::platform::darwin {

// Reads the ifmibdata counters of the interface with this index into `out` (name and
// index untouched); false when the sysctl fails (the interface just went away).
using InterfaceMibReader = std::function<bool(std::uint16_t index, InterfaceCounters& out)>;

// Replaces every listed interface's counters with its ifmibdata ones where they can be
// read, keeping the name and index of the list; an empty reader leaves the list as it is.
void apply_interface_mib(std::vector<InterfaceCounters>& interfaces, const InterfaceMibReader& read_mib);

}  // namespace host_exporter::platform::darwin
