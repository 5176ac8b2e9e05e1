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

}  // namespace host_exporter::platform::darwin
