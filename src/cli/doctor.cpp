#include "cli/doctor.hpp"

#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "ingest/default_paths.hpp"

namespace host_exporter::cli {

DoctorInputs doctor_inputs(const Options& options) {
  DoctorInputs inputs;
  inputs.roots = options.roots;
  inputs.variables = platform::environment_variables_for(options.roots);
  inputs.listen_addresses = options.listen_addresses;
  const auto enabled = options.collector_enabled.find("textfile");
  inputs.textfile_enabled = enabled == options.collector_enabled.end() || enabled->second;
  if (const auto config = options.collector_config.find("textfile"); config != options.collector_config.end()) {
    for (const auto& directory : config->second.get_all("directory")) {
      if (!directory.empty()) inputs.textfile_directories.push_back(directory);
    }
  }
  inputs.default_textfile_directory = ingest::default_textfile_directory();
  if (inputs.textfile_directories.empty() && !inputs.default_textfile_directory.empty()) {
    inputs.textfile_directories.push_back(inputs.default_textfile_directory);
  }
  inputs.live_system = options.roots.sysfs == "/sys";
  // Only about this machine: a recorded procfs says nothing of who reads it.
  inputs.running_as_root = ::geteuid() == 0 && options.roots.procfs == "/proc";
  return inputs;
}

std::string render_doctor_text(const DoctorReport& report) {
  std::string out = "host_exporter doctor: " + report.environment.detail + "\n\n";
  for (const auto& check : report.checks) {
    const std::string verdict = to_string(check.verdict);
    out += "[" + std::string(4 - verdict.size(), ' ') + verdict + "] " + check.name + ": " + check.summary + "\n";
    for (const auto& item : check.evidence) out += "       seen: " + item + "\n";
    if (!check.fix.empty()) out += "       fix:  " + check.fix + "\n";
  }
  out += report.all_ok() ? "\nAll checks passed.\n" : "\nSomething needs fixing (see fail above).\n";
  return out;
}

std::string render_doctor_json(const DoctorReport& report) {
  const auto& environment = report.environment;
  nlohmann::json json;
  json["ok"] = report.all_ok();
  json["environment"] = {
      {"platform", environment.platform},
      {"virtualization", environment.virtualization},
      {"container", environment.container},
      {"docker_desktop", environment.docker_desktop},
      {"apple_silicon_cpu", environment.apple_silicon_cpu},
      {"kernel_release", environment.kernel_release},
      {"detail", environment.detail},
      {"measures_host", environment.measures_host()},
      {"evidence", environment.evidence},
  };
  json["checks"] = nlohmann::json::array();
  for (const auto& check : report.checks) {
    json["checks"].push_back({{"name", check.name},
                              {"verdict", to_string(check.verdict)},
                              {"summary", check.summary},
                              {"evidence", check.evidence},
                              {"fix", check.fix}});
  }
  return json.dump(2) + "\n";
}

int run_doctor(const Options& options) {
  const DoctorReport report = run_doctor_checks(doctor_inputs(options));
  std::cout << (options.doctor_json ? render_doctor_json(report) : render_doctor_text(report)) << std::flush;
  return report.all_ok() ? 0 : 1;
}

}  // namespace host_exporter::cli
