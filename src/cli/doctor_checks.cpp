#include "cli/doctor_checks.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "platform/host_size.hpp"
#include "platform/process_access.hpp"

namespace host_exporter::cli {

namespace {

std::string gibibytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  return text;
}

DoctorCheck environment_check(const platform::EnvironmentReading& environment) {
  DoctorCheck check{"environment", Verdict::kOk, "running on " + environment.described(), environment.evidence, ""};
  if (environment.evidence.empty()) check.evidence.push_back("no sign of a virtual machine or a container");
  if (!environment.measures_host()) {
    check.verdict = Verdict::kFail;
    check.summary = "running in " + environment.described() + ": the numbers are not the host's";
    check.fix = environment.docker_desktop
                    ? "Run host_exporter natively on the host (on a Mac: the macOS binary, e.g. as a LaunchAgent), "
                      "not in Docker; containers such as Prometheus reach it at host.docker.internal:9101."
                    : "Run host_exporter natively on the host (a package or the binary under systemd), not in a "
                      "container.";
  } else if (environment.virtualization == "wsl") {
    check.verdict = Verdict::kWarn;
    check.summary = "running in WSL2: the numbers are the WSL2 virtual machine's, not Windows'";
    check.fix = "To monitor Windows itself, run windows_exporter on Windows; host_exporter here measures WSL2.";
  }
  return check;
}

DoctorCheck host_numbers_check(const platform::Roots& roots, const platform::EnvironmentReading& environment) {
  DoctorCheck check{"host-numbers", Verdict::kOk, "", {}, ""};
  const platform::HostSize size = platform::read_host_size(roots);
  const auto total = size.memory_bytes;
  const std::size_t cpus = size.cpus;
  if (!total || cpus == 0) {
    check.verdict = Verdict::kFail;
    check.summary = "cannot read the memory total or the CPU count";
    check.evidence.push_back(size.memory_source + ": " + (total ? gibibytes(*total) : size.memory_error));
    check.evidence.push_back(size.cpu_source + ": " + (cpus > 0 ? std::to_string(cpus) + " CPUs" : size.cpu_error));
    if (environment.platform == "linux") check.fix = "Point --path.procfs at a mounted procfs.";
    return check;
  }
  const std::string seen = gibibytes(*total) + " of memory and " + std::to_string(cpus) + " CPUs";
  if (environment.platform == "linux") {
    check.evidence.push_back(size.memory_source + ": MemTotal " + gibibytes(*total));
    check.evidence.push_back(size.cpu_source + ": " + std::to_string(cpus) + " cpuN lines");
  } else {
    check.evidence.push_back(size.memory_source + ": " + gibibytes(*total));
    check.evidence.push_back(size.cpu_source + ": " + std::to_string(cpus) + " CPUs");
  }
  if (environment.docker_desktop) {
    check.verdict = Verdict::kFail;
    check.summary = "sees " + seen + ": Docker Desktop's VM's allocation (Settings > Resources), not your " +
                    (environment.apple_silicon_cpu ? "Mac's" : "computer's") +
                    "; what the host has cannot be known from inside the VM";
    check.fix = "Run host_exporter natively on the host to see its real memory, CPUs and processes.";
  } else if (environment.container != "none") {
    check.verdict = Verdict::kWarn;
    check.summary = "sees " + seen + " as the kernel reports them, but only the container's processes and mounts";
    check.fix = "Run host_exporter natively on the host; in a container it needs --pid=host and the host's / mounted "
                "(--path.rootfs) and still cannot see everything.";
  } else if (environment.virtualization == "wsl") {
    check.verdict = Verdict::kWarn;
    check.summary = "sees " + seen + ": the WSL2 VM's share (see .wslconfig), not Windows'";
  } else if (environment.virtualization != "none") {
    check.summary = "sees " + seen + ": this virtual machine's allocation, which is what you monitor here";
  } else {
    check.summary = "sees " + seen + ": the machine's own";
  }
  return check;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

bool is_wildcard(const std::string& host) { return host.empty() || host == "::" || host == "0.0.0.0"; }

DoctorCheck listen_address_check(const DoctorInputs& inputs, const platform::EnvironmentReading& environment) {
  DoctorCheck check{"listen-address", Verdict::kOk, "", {}, ""};
  std::string listed;
  bool wildcard = false;
  bool only_loopback = true;
  int port = 9101;
  for (const auto& address : inputs.listen_addresses) {
    listed += (listed.empty() ? "" : ", ") + address.text;
    wildcard = wildcard || is_wildcard(address.host);
    only_loopback = only_loopback && is_loopback(address.host);
    port = address.port;
  }
  check.evidence.push_back("--web.listen-address: " + listed);

  if (environment.docker_desktop && environment.container == "none") {
    check.summary = "listens on " + listed + " in Docker Desktop's VM; run natively on the host instead, where "
                    "containers reach an exporter on 127.0.0.1 at host.docker.internal:" + std::to_string(port);
    return check;
  }
  if (environment.container != "none") {
    if (only_loopback) {
      check.verdict = Verdict::kWarn;
      check.summary = "listens on " + listed + " inside a container: nothing outside the container can reach it";
      check.fix = "Listen on :" + std::to_string(port) + " inside the container and publish the port (-p), or better, "
                  "run host_exporter natively.";
    } else {
      check.summary = "listens on " + listed;
    }
    return check;
  }

  const std::string docker0 = inputs.roots.sys("class/net/docker0");
  struct stat info {};
  const bool has_docker0 = ::stat(docker0.c_str(), &info) == 0;
  if (wildcard) {
    check.summary = "listens on every interface (" + listed + "): containers can reach it; keep it behind a firewall";
    return check;
  }
  if (!has_docker0) {
    check.evidence.push_back(docker0 + ": absent");
    check.summary = "listens on " + listed + "; no docker0 bridge here";
    if (only_loopback) {
      check.summary += ". On a Mac or Windows with Docker Desktop, containers reach the host's loopback at "
                       "host.docker.internal:" + std::to_string(port);
    }
    return check;
  }
  check.evidence.push_back(docker0 + ": exists (Docker Engine's bridge)");
  const std::string bridge = inputs.live_system ? interface_ipv4_address("docker0") : "";
  if (!bridge.empty()) check.evidence.push_back("docker0 address: " + bridge);
  for (const auto& address : inputs.listen_addresses) {
    if (!bridge.empty() && address.host == bridge) {
      check.summary = "listens on " + listed + ", which covers the docker0 bridge: containers reach it at "
                      "host.docker.internal (host-gateway)";
      return check;
    }
  }
  check.verdict = Verdict::kWarn;
  const std::string shown = bridge.empty() ? "<docker0 address, e.g. 172.17.0.1>" : bridge;
  check.summary = "listens on " + listed + " only: containers on this Linux host (host.docker.internal = the "
                  "docker0 address) cannot reach it";
  check.fix = "Add --web.listen-address=" + shown + ":" + std::to_string(port) +
              " and give containers extra_hosts: [\"host.docker.internal:host-gateway\"].";
  return check;
}

DoctorCheck textfile_check(const DoctorInputs& inputs) {
  DoctorCheck check{"textfile-directory", Verdict::kOk, "", {}, ""};
  if (!inputs.textfile_enabled) {
    check.summary = "the textfile collector is disabled";
    return check;
  }
  if (inputs.textfile_directories.empty()) {
    check.verdict = Verdict::kWarn;
    check.summary = "no textfile directory: neither --collector.textfile.directory nor HOME is set";
    check.fix = "Pass --collector.textfile.directory=DIR.";
    return check;
  }
  std::vector<std::string> problems;
  for (const auto& directory : inputs.textfile_directories) {
    struct stat info {};
    if (::stat(directory.c_str(), &info) != 0) {
      const bool is_default = directory == inputs.default_textfile_directory;
      check.evidence.push_back(directory + ": missing" + (is_default ? " (the default directory)" : ""));
      check.verdict = std::max(check.verdict, is_default ? Verdict::kWarn : Verdict::kFail);
      problems.push_back("mkdir -p '" + directory + "'");
      continue;
    }
    if (!S_ISDIR(info.st_mode)) {
      check.evidence.push_back(directory + ": not a directory");
      check.verdict = Verdict::kFail;
      problems.push_back("point --collector.textfile.directory at a directory, not '" + directory + "'");
      continue;
    }
    const bool readable = ::access(directory.c_str(), R_OK | X_OK) == 0;
    const bool writable = ::access(directory.c_str(), W_OK) == 0;
    check.evidence.push_back(directory + ": exists, " + (readable ? "readable" : "NOT readable") + ", " +
                             (writable ? "writable" : "not writable") + " by this user");
    if (!readable) {
      check.verdict = Verdict::kFail;
      problems.push_back("let host_exporter's user read '" + directory + "'");
    } else if (!writable) {
      check.verdict = std::max(check.verdict, Verdict::kWarn);
      problems.push_back("let the programs that write *.prom files write to '" + directory + "'");
    }
  }
  check.summary = check.verdict == Verdict::kOk ? "the textfile directory is ready"
                                                : "the textfile directory needs attention";
  for (const auto& problem : problems) check.fix += (check.fix.empty() ? "" : "; ") + problem;
  return check;
}

DoctorCheck permissions_check(const platform::Roots& roots, const platform::EnvironmentReading& environment,
                              bool running_as_root) {
  DoctorCheck check{"process-permissions", Verdict::kOk, "", {}, ""};
  const bool linux = environment.platform == "linux";
  const platform::ProcessAccessSummary access = platform::probe_process_access(roots);
  if (!access.ok()) {
    check.verdict = Verdict::kFail;
    check.summary = "cannot list processes";
    check.evidence.push_back(access.error);
    if (linux) check.fix = "Point --path.procfs at a mounted procfs.";
    return check;
  }
  if (linux) {
    check.evidence.push_back(std::to_string(access.processes) + " processes; fd/ unreadable for " +
                             std::to_string(access.fd_denied) + ", exe unreadable for " +
                             std::to_string(access.exe_denied));
  } else {
    check.evidence.push_back(access.source + ": " + std::to_string(access.processes) +
                             " processes; proc_pidinfo refused for " + std::to_string(access.fd_denied));
  }
  if (access.fd_denied == 0 && access.exe_denied == 0) {
    check.summary = linux ? "can read every process's descriptors and executable"
                          : "can read every process's CPU, memory and descriptors";
    return check;
  }
  const std::string denied = std::to_string(std::max(access.fd_denied, access.exe_denied));
  if (running_as_root) {
    // Root already: what is refused is refused by the kernel (PID 1's exe link in a container, a process of
    // another user namespace, a kernel thread's link), and no privilege would change it.
    check.summary = "running as root; the kernel still refuses the links of " + denied +
                    " processes (kernel-owned, or of another user or pid namespace): nothing to grant";
    return check;
  }
  check.verdict = Verdict::kWarn;
  if (linux) {
    check.summary = "not running as root: cannot look into " + denied +
                    " processes of other users: their open descriptors are left out of host_process_group_open_fds";
    check.fix = "Run as root, or grant CAP_SYS_PTRACE (systemd: AmbientCapabilities=CAP_SYS_PTRACE); CPU, memory "
                "and threads are complete either way.";
  } else {
    // macOS has no capability to grant: proc_pidinfo of another user's process needs root.
    check.summary = "not running as root: cannot look into " + denied +
                    " processes of other users: their CPU, memory and open "
                    "descriptors are left out of the host_process_group_* families (they are still counted)";
    check.fix = "Run host_exporter as root (a LaunchDaemon instead of a LaunchAgent) to see every process.";
  }
  return check;
}

}  // namespace

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk: return "ok";
    case Verdict::kWarn: return "warn";
    case Verdict::kFail: return "fail";
  }
  return "fail";
}

bool DoctorReport::all_ok() const {
  return std::none_of(checks.begin(), checks.end(), [](const DoctorCheck& c) { return c.verdict == Verdict::kFail; });
}

std::string interface_ipv4_address(const std::string& interface) {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return {};
  std::string found;
  for (const ifaddrs* entry = list; entry != nullptr && found.empty(); entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr || entry->ifa_addr->sa_family != AF_INET || interface != entry->ifa_name) continue;
    sockaddr_in address{};
    std::memcpy(&address, entry->ifa_addr, sizeof address);
    char text[INET_ADDRSTRLEN] = {};
    if (::inet_ntop(AF_INET, &address.sin_addr, text, sizeof text) != nullptr) found = text;
  }
  ::freeifaddrs(list);
  return found;
}

DoctorReport run_doctor_checks(const DoctorInputs& inputs) {
  DoctorReport report;
  report.environment = platform::detect_environment(inputs.roots, inputs.variables);
  report.checks.push_back(environment_check(report.environment));
  report.checks.push_back(host_numbers_check(inputs.roots, report.environment));
  report.checks.push_back(listen_address_check(inputs, report.environment));
  report.checks.push_back(textfile_check(inputs));
  report.checks.push_back(permissions_check(inputs.roots, report.environment, inputs.running_as_root));
  return report;
}

}  // namespace host_exporter::cli
