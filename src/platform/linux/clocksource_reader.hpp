#pragma once
// <sysfs>/devices/system/clocksource/clocksource<N>/{available,current}_clocksource.

#include <string>
#include <vector>

#include "platform/roots.hpp"

namespace host_exporter::platform {

struct Clocksource {
  std::string device;                  // position among the clocksource<N> directories, sorted by name
  std::vector<std::string> available;  // "tsc hpet acpi_pm" split on blanks
  std::string current;                 // "tsc"
};

struct ClocksourceReading {
  std::vector<Clocksource> devices;  // empty when the directory does not exist
  std::string error;                 // a device directory whose files cannot be read

  bool ok() const { return error.empty(); }
};

void read_clocksources(const Roots& roots, ClocksourceReading& out);

}  // namespace host_exporter::platform
