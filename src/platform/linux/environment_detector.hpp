#pragma once
// Which machine are we measuring? Bare metal, a virtual machine, a container,
// WSL, or Docker Desktop's LinuxKit VM (where node_exporter, even with
// --pid=host --net=host, reports the VM and not the Mac or PC around it).
//
// Everything is read through the roots, so a fixture tree can play any of them.
// Checks follow systemd-detect-virt's order for virtual machines (DMI vendor
// strings, then /proc/xen, the cpuinfo "hypervisor" flag, /sys/hypervisor/type,
// the device tree) and the usual container marks (/.dockerenv, /run/.containerenv,
// /run/systemd/container, $container of PID 1, cgroup paths, KUBERNETES_SERVICE_HOST).

#include <map>
#include <string>
#include <vector>

#include "platform/roots.hpp"

namespace host_exporter::platform {

struct EnvironmentReading {
  std::string platform = "linux";
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
    const bool bare = detail.rfind("Docker Desktop", 0) == 0 || detail == "bare metal";
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
