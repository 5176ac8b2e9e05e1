#pragma once
// `host_exporter doctor`'s checks, as data: each has a verdict, what it saw and
// how to fix it. Rendering (text or JSON) and the exit code are in doctor.cpp.

#include <string>
#include <vector>

#include "platform/environment.hpp"
#include "platform/roots.hpp"
#include "server/listen_address.hpp"

namespace host_exporter::cli {

enum class Verdict { kOk, kWarn, kFail };
const char* to_string(Verdict verdict);

struct DoctorCheck {
  std::string name;  // environment, host-numbers, listen-address, textfile-directory, process-permissions
  Verdict verdict = Verdict::kOk;
  std::string summary;
  std::vector<std::string> evidence;
  std::string fix;  // empty when there is nothing to do
};

struct DoctorInputs {
  platform::Roots roots;
  platform::EnvironmentVariables variables;  // see environment_variables_for()
  std::vector<server::ListenAddress> listen_addresses;
  bool textfile_enabled = true;
  std::vector<std::string> textfile_directories;
  std::string default_textfile_directory;  // a missing default directory is only a warning
  bool live_system = true;  // the roots are this machine's: interface addresses can be asked of the kernel
  bool running_as_root = false;  // effective uid 0: a refusal then comes from the kernel, not from privileges
};

struct DoctorReport {
  platform::EnvironmentReading environment;
  std::vector<DoctorCheck> checks;
  bool all_ok() const;  // no check failed
};

DoctorReport run_doctor_checks(const DoctorInputs& inputs);

// The IPv4 address of a network interface on this machine, or "" (getifaddrs).
std::string interface_ipv4_address(const std::string& interface);

}  // namespace host_exporter::cli
