#include "platform/darwin/conversions/interface_mib.hpp"

namespace host_exporter::platform::darwin {

void apply_interface_mib(std::vector<InterfaceCounters>& interfaces, const InterfaceMibReader& read_mib) {
  if (!read_mib) return;
  for (auto& interface : interfaces) {
    InterfaceCounters exact;
    if (!read_mib(interface.index, exact)) continue;
    exact.name = std::move(interface.name);
    exact.index = interface.index;
    interface = std::move(exact);
  }
}

}  // namespace host_exporter::platform::darwin
