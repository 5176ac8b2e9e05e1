#pragma once
// Which machine are we measuring? The answer as plain data, the same on every OS:
// Linux detects bare metal, a VM, a container, WSL or Docker Desktop's LinuxKit VM
// (linux/environment_detector.cpp); macOS tells a Mac from a macOS VM by hw.model and
// kern.hv_vmm_present (darwin/environment_reading.cpp). Used by the environment
// collector, the start-up warning and doctor.

#include <map>
#include <string>
#include <vector>

#include "platform/roots.hpp"

namespace host_exporter::platform {

struct EnvironmentReading {
  std::string platform = "linux";  // or "darwin"
  // systemd-detect-virt's ids where they exist: none, kvm, qemu, vmware, oracle
  // (VirtualBox), xen, parallels, microsoft (Hyper-V), apple, amazon, google,
  // vm-other (a hypervisor we cannot name), wsl.
  std::string virtualization = "none";
  // none, docker, podman, kubernetes, lxc, systemd-nspawn, container-other.
  std::string container = "none";
  bool docker_desktop = false;      // kernel release names LinuxKit
  bool apple_silicon_cpu = false;   // "CPU implementer : 0x61"
  std::string kernel_release;
  std::string detail;               // one phrase for people: "docker container in Docker Desktop's ..."
                                    // or "KVM virtual machine", "bare metal"; reads after "running on"/"in a"

  // "a docker container", "Docker Desktop's LinuxKit VM", "bare metal": `detail` with its article.
  std::string described() const {
    const bool bare = detail.rfind("Docker Desktop", 0) == 0 || detail.rfind("bare metal", 0) == 0;
    return bare ? detail : "a " + detail;
  }
  std::vector<std::string> evidence;  // what each conclusion rests on, "path: finding"

  // False when the numbers are a container's or Docker Desktop's VM's, not the host's.
  bool measures_host() const { return container == "none" && !docker_desktop; }
};

// Environment variables that hint at a container (container, KUBERNETES_SERVICE_HOST).
using EnvironmentVariables = std::map<std::string, std::string>;

// This process's own hint variables, when the roots are the live system's
// (/proc); empty otherwise, since they describe where host_exporter runs and
// not the tree it was pointed at.
EnvironmentVariables environment_variables_for(const Roots& roots);

EnvironmentReading detect_environment(const Roots& roots, const EnvironmentVariables& own_variables);

}  // namespace host_exporter::platform
