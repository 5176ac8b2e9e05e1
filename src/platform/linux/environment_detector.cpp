#include "platform/linux/environment_detector.hpp"

#include <sys/stat.h>

#include <array>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

namespace {

bool exists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

std::string first_line(const std::string& path) {
  std::string line;
  if (!read_first_line(path, line)) return {};
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\0')) line.pop_back();
  return line;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// DMI vendor strings in systemd-detect-virt's order; a value matches by prefix.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kDmiVendors = {{
    {"KVM", "kvm"},
    {"OpenStack", "kvm"},
    {"KubeVirt", "kvm"},
    {"QEMU", "qemu"},
    {"VMware", "vmware"},
    {"VMW", "vmware"},
    {"innotek GmbH", "oracle"},
    {"VirtualBox", "oracle"},
    {"Oracle Corporation", "oracle"},
    {"Xen", "xen"},
    {"Parallels", "parallels"},
    {"Microsoft Corporation", "microsoft"},  // Hyper-V only with product "Virtual Machine" (a Surface is not a VM)
    {"Apple Virtualization Generic Platform", "apple"},
    {"Amazon EC2", "amazon"},
    {"Google Compute Engine", "google"},
    {"Google", "google"},
}};

constexpr std::array<std::string_view, 4> kDmiFiles = {"product_name", "sys_vendor", "board_vendor", "bios_vendor"};

void detect_dmi(const Roots& roots, EnvironmentReading& out) {
  const std::string product = first_line(roots.sys("class/dmi/id/product_name"));
  for (const std::string_view file : kDmiFiles) {
    const std::string path = roots.sys(std::string("class/dmi/id/").append(file));
    const std::string value = file == "product_name" ? product : first_line(path);
    if (value.empty()) continue;
    for (const auto& [vendor, id] : kDmiVendors) {
      if (!starts_with(value, vendor)) continue;
      if (id == "microsoft" && product != "Virtual Machine") continue;
      out.virtualization = std::string(id);
      out.evidence.push_back(path + ": " + value);
      return;
    }
  }
}

// "flags : ... hypervisor ..." (x86) and "CPU implementer : 0x61" (Apple, arm64).
void detect_cpuinfo(const Roots& roots, bool& hypervisor_flag, EnvironmentReading& out) {
  const std::string path = roots.proc("cpuinfo");
  const std::string text = read_file_or_empty(path);
  std::string_view rest(text);
  std::string_view line;
  while (next_line(rest, line)) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = line.substr(0, colon);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
    std::string_view value = line.substr(colon + 1);
    if (key == "flags" && !hypervisor_flag) {
      for (std::string_view flag = next_field(value); !flag.empty(); flag = next_field(value)) {
        if (flag == "hypervisor") {
          hypervisor_flag = true;
          out.evidence.push_back(path + ": the \"hypervisor\" CPU flag");
          break;
        }
      }
    } else if (key == "CPU implementer" && !out.apple_silicon_cpu) {
      if (next_field(value) == "0x61") {
        out.apple_silicon_cpu = true;
        out.evidence.push_back(path + ": CPU implementer 0x61 (Apple)");
      }
    }
  }
}

void detect_virtualization(const Roots& roots, EnvironmentReading& out) {
  detect_dmi(roots, out);
  if (out.virtualization == "qemu") {
    // QEMU with KVM acceleration gives its guests the kvm-clock (systemd prefers kvm here too).
    const std::string path = roots.sys("devices/system/clocksource/clocksource0/available_clocksource");
    if (contains(first_line(path), "kvm-clock")) {
      out.virtualization = "kvm";
      out.evidence.push_back(path + ": kvm-clock");
    }
  }

  bool hypervisor_flag = false;
  detect_cpuinfo(roots, hypervisor_flag, out);
  if (out.virtualization != "none") return;

  if (exists(roots.proc("xen"))) {
    out.virtualization = "xen";
    out.evidence.push_back(roots.proc("xen") + " exists");
    return;
  }
  const std::string hypervisor_type = first_line(roots.sys("hypervisor/type"));
  if (!hypervisor_type.empty()) {
    out.virtualization = hypervisor_type == "xen" ? "xen" : "vm-other";
    out.evidence.push_back(roots.sys("hypervisor/type") + ": " + hypervisor_type);
    return;
  }
  const std::string compatible_path = roots.proc("device-tree/hypervisor/compatible");
  const std::string compatible = read_file_or_empty(compatible_path);
  if (!compatible.empty()) {
    out.virtualization = contains(compatible, "kvm") ? "kvm" : contains(compatible, "xen") ? "xen"
                         : contains(compatible, "vmware")                                     ? "vmware"
                                                                                              : "vm-other";
    out.evidence.push_back(compatible_path + ": " + std::string(compatible.c_str()));
    return;
  }
  if (hypervisor_flag) {
    out.virtualization = "vm-other";
    return;
  }
  if (out.apple_silicon_cpu) {
    // An Apple CPU without an Apple device tree (Asahi Linux on the Mac itself) is
    // a guest of Apple's Virtualization framework.
    const std::string board = read_file_or_empty(roots.proc("device-tree/compatible"));
    if (!starts_with(board, "apple,")) out.virtualization = "apple";
  }
}

std::string environ_value(std::string_view environ, std::string_view name) {
  std::size_t start = 0;
  while (start < environ.size()) {
    auto end = environ.find('\0', start);
    if (end == std::string_view::npos) end = environ.size();
    const std::string_view entry = environ.substr(start, end - start);
    if (entry.size() > name.size() && starts_with(entry, name) && entry[name.size()] == '=') {
      return std::string(entry.substr(name.size() + 1));
    }
    start = end + 1;
  }
  return {};
}

std::string container_id(std::string_view value) {
  if (value == "docker" || value == "podman" || value == "lxc" || value == "systemd-nspawn") return std::string(value);
  if (value == "lxc-libvirt") return "lxc";
  return "container-other";  // oci, crio, containerd, ...
}

// A cgroup path that names a runtime: /kubepods, /docker/ or docker-<id>.scope, libpod, /lxc/.
std::string cgroup_hint(std::string_view text) {
  if (contains(text, "kubepods")) return "kubernetes";
  if (contains(text, "libpod")) return "podman";
  if (contains(text, "/docker/") || contains(text, "/docker-")) return "docker";
  if (contains(text, "/lxc/") || contains(text, "lxc.payload")) return "lxc";
  return {};
}

void detect_container(const Roots& roots, const EnvironmentVariables& own, EnvironmentReading& out) {
  const std::string pid1_environ_path = roots.proc("1/environ");
  const std::string pid1_environ = read_file_or_empty(pid1_environ_path);

  const auto own_k8s = own.find("KUBERNETES_SERVICE_HOST");
  if (own_k8s != own.end() && !own_k8s->second.empty()) {
    out.container = "kubernetes";
    out.evidence.push_back("environment: KUBERNETES_SERVICE_HOST=" + own_k8s->second);
  } else if (const std::string host = environ_value(pid1_environ, "KUBERNETES_SERVICE_HOST"); !host.empty()) {
    out.container = "kubernetes";
    out.evidence.push_back(pid1_environ_path + ": KUBERNETES_SERVICE_HOST=" + host);
  }

  std::string found;
  const std::string systemd_container = first_line(roots.root("run/systemd/container"));
  const auto own_container = own.find("container");
  const std::string pid1_container = environ_value(pid1_environ, "container");
  if (exists(roots.root("run/.containerenv"))) {
    found = "podman";
    out.evidence.push_back(roots.root("run/.containerenv") + " exists");
  } else if (exists(roots.root(".dockerenv"))) {
    found = "docker";
    out.evidence.push_back(roots.root(".dockerenv") + " exists");
  } else if (!systemd_container.empty()) {
    found = container_id(systemd_container);
    out.evidence.push_back(roots.root("run/systemd/container") + ": " + systemd_container);
  } else if (own_container != own.end() && !own_container->second.empty()) {
    found = container_id(own_container->second);
    out.evidence.push_back("environment: container=" + own_container->second);
  } else if (!pid1_container.empty()) {
    found = container_id(pid1_container);
    out.evidence.push_back(pid1_environ_path + ": container=" + pid1_container);
  } else {
    for (const char* relative : {"1/cgroup", "self/cgroup"}) {
      const std::string path = roots.proc(relative);
      const std::string text = read_file_or_empty(path);
      found = cgroup_hint(text);
      if (!found.empty()) {
        out.evidence.push_back(path + ": a " + found + " cgroup path");
        break;
      }
    }
  }
  if (out.container == "none" && !found.empty()) out.container = found;
}

std::string_view hypervisor_name(std::string_view id) {
  constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kNames = {{
      {"kvm", "KVM"}, {"qemu", "QEMU"}, {"vmware", "VMware"}, {"oracle", "VirtualBox"}, {"xen", "Xen"},
      {"parallels", "Parallels"}, {"microsoft", "Hyper-V"}, {"apple", "Apple Virtualization"},
      {"amazon", "Amazon EC2"}, {"google", "Google Compute Engine"}}};
  for (const auto& [key, name] : kNames) {
    if (key == id) return name;
  }
  return {};  // vm-other: a hypervisor without a name
}

std::string describe(const EnvironmentReading& reading) {
  std::string text;
  if (reading.container != "none") text = reading.container + " container";
  if (reading.docker_desktop) {
    text += text.empty() ? "Docker Desktop's LinuxKit VM" : " in Docker Desktop's LinuxKit VM";
    if (reading.apple_silicon_cpu) text += " on an Apple Silicon Mac";
  } else if (reading.virtualization == "wsl") {
    text += text.empty() ? "WSL2 virtual machine" : " in a WSL2 virtual machine";
  } else if (reading.virtualization != "none") {
    const std::string_view name = hypervisor_name(reading.virtualization);
    std::string vm = name.empty() ? "virtual machine" : std::string(name) + " virtual machine";
    text += text.empty() ? vm : " in a " + vm;
  } else if (text.empty()) {
    text = "bare metal";
  }
  return text;
}

}  // namespace

EnvironmentVariables environment_variables_for(const Roots& roots) {
  EnvironmentVariables variables;
  if (roots.procfs != "/proc") return variables;
  for (const char* name : {"container", "KUBERNETES_SERVICE_HOST"}) {
    if (const char* value = std::getenv(name)) variables[name] = value;
  }
  return variables;
}

EnvironmentReading detect_environment(const Roots& roots, const EnvironmentVariables& own_variables) {
  EnvironmentReading out;
  const std::string release_path = roots.proc("sys/kernel/osrelease");
  out.kernel_release = first_line(release_path);

  detect_virtualization(roots, out);
  if (contains(out.kernel_release, "microsoft") || contains(out.kernel_release, "Microsoft") ||
      contains(out.kernel_release, "WSL")) {
    out.virtualization = "wsl";
    out.evidence.push_back(release_path + ": " + out.kernel_release + " (WSL)");
  }
  if (contains(out.kernel_release, "linuxkit")) {
    out.docker_desktop = true;
    out.evidence.push_back(release_path + ": " + out.kernel_release + " (Docker Desktop's LinuxKit VM)");
  }
  detect_container(roots, own_variables, out);
  out.detail = describe(out);
  return out;
}

}  // namespace host_exporter::platform
