#pragma once
// Bare metal or a macOS virtual machine. Apple's Virtualization framework names its
// guests' model "VirtualMac<n>,<m>" (hw.model); any hypervisor sets kern.hv_vmm_present
// to 1 in its guest. The ids are systemd-detect-virt's, as on Linux.

#include <string>

#include "platform/darwin/conversions/readings.hpp"
#include "platform/environment.hpp"

namespace host_exporter::platform::darwin {

struct EnvironmentKind {
  std::string virtualization;  // "none", "apple" (Virtualization framework), "vm-other"
  std::string detail;          // what decided it, for the info metric and doctor
};

EnvironmentKind classify_environment(const EnvironmentHints& hints);

// The phrase for people, as host_exporter_environment_info{detail} and doctor show it:
// "bare metal (hw.model Mac14,2)", "macOS virtual machine (hw.model VirtualMac2,1)".
std::string environment_detail(const EnvironmentKind& kind);

// The OS-neutral reading doctor and the start-up warning use: platform "darwin", no
// container (macOS has none), the hints as evidence. A macOS VM measures itself, as a
// Linux VM does: measures_host() is true.
EnvironmentReading environment_reading(const EnvironmentHints& hints, const std::string& kernel_release);

}  // namespace host_exporter::platform::darwin
