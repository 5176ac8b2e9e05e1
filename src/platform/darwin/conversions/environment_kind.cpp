#include "platform/darwin/conversions/environment_kind.hpp"

namespace host_exporter::platform::darwin {

EnvironmentKind classify_environment(const EnvironmentHints& hints) {
  if (hints.hw_model.rfind("VirtualMac", 0) == 0) {
    return {"apple", "hw.model " + hints.hw_model};
  }
  if (hints.hv_vmm_present && *hints.hv_vmm_present == 1) {
    return {"vm-other", "kern.hv_vmm_present 1, hw.model " + hints.hw_model};
  }
  return {"none", hints.hw_model.empty() ? std::string("macOS") : "hw.model " + hints.hw_model};
}

std::string environment_detail(const EnvironmentKind& kind) {
  if (kind.virtualization == "none") return "bare metal (" + kind.detail + ")";
  if (kind.virtualization == "apple") return "macOS virtual machine (" + kind.detail + ")";
  return "virtual machine (" + kind.detail + ")";
}

EnvironmentReading environment_reading(const EnvironmentHints& hints, const std::string& kernel_release) {
  const EnvironmentKind kind = classify_environment(hints);
  EnvironmentReading reading;
  reading.platform = "darwin";
  reading.virtualization = kind.virtualization;
  reading.kernel_release = kernel_release;
  reading.detail = environment_detail(kind);
  reading.evidence.push_back("sysctl hw.model: " + (hints.hw_model.empty() ? std::string("(none)") : hints.hw_model));
  reading.evidence.push_back("sysctl kern.hv_vmm_present: " +
                             (hints.hv_vmm_present ? std::to_string(*hints.hv_vmm_present) : std::string("(absent)")));
  return reading;
}

}  // namespace host_exporter::platform::darwin
