#pragma once
// `host_exporter doctor`: which machine is measured, whether its numbers are the
// host's, whether containers can reach the listen address, the textfile directory,
// and permission to read other users' processes. Each check prints a verdict
// (ok / warn / fail) and a fix. Exit code 0 when no check fails, 1 otherwise;
// --format=json for scripts. Honours --path.*, --web.listen-address and
// --collector.textfile.directory.

#include <string>

#include "cli/doctor_checks.hpp"
#include "cli/options.hpp"

namespace host_exporter::cli {

DoctorInputs doctor_inputs(const Options& options);

std::string render_doctor_text(const DoctorReport& report);
std::string render_doctor_json(const DoctorReport& report);

int run_doctor(const Options& options);

}  // namespace host_exporter::cli
