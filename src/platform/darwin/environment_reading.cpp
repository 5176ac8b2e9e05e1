// Which machine: a Mac or a macOS VM (platform/environment.hpp), from the adapter's
// sysctl readings. The roots and variables matter only on Linux (fixture trees,
// container hints); a macOS process has no container around it.
#include "platform/darwin/conversions/environment_kind.hpp"
#include "platform/darwin/system_readers.hpp"
#include "platform/environment.hpp"

namespace host_exporter::platform {

EnvironmentVariables environment_variables_for(const Roots&) { return {}; }

EnvironmentReading detect_environment(const Roots&, const EnvironmentVariables&) {
  std::string error;
  darwin::EnvironmentHints hints;
  if (!darwin::read_environment_hints(hints, error)) hints = {};
  darwin::UnameReading uname;
  if (!darwin::read_uname(uname, error)) uname = {};
  EnvironmentReading reading = darwin::environment_reading(hints, uname.release);
  if (!error.empty()) reading.evidence.push_back("unreadable: " + error);
  return reading;
}

}  // namespace host_exporter::platform
