#pragma once
// Bare metal or a macOS virtual machine. Apple's Virtualization framework names its
// guests' model "VirtualMac<n>,<m>" (hw.model); any hypervisor sets kern.hv_vmm_present
// to 1 in its guest. The ids are systemd-detect-virt's, as on Linux.

#include <string>

#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::platform::darwin {

struct EnvironmentKind {
  std::string virtualization;  // "none", "apple" (Virtualization framework), "vm-other"
  std::string detail;          // what decided it, for the info metric and doctor
};

EnvironmentKind classify_environment(const EnvironmentHints& hints);

}  // namespace host_exporter::platform::darwin
