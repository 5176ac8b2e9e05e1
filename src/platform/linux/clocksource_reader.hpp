#pragma once
// <sysfs>/devices/system/clocksource/clocksource<N>/{available,current}_clocksource.

#include <string>
#include <vector>

#include "platform/linux/cached_file.hpp"
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

// Lists the clocksource<N> directories once (the kernel registers them at boot) and
// keeps their two files open, so a scrape reads two attributes and lists nothing.
class ClocksourceReader {
 public:
  explicit ClocksourceReader(const Roots& roots);

  void read(ClocksourceReading& out);

 private:
  struct Device {
    CachedFile available;
    CachedFile current;
  };
  void list_devices();

  std::string base_;
  bool listed_ = false;
  std::vector<Device> devices_;
  std::string text_;
};

// One reading with a fresh reader: for tests and one-off reads.
void read_clocksources(const Roots& roots, ClocksourceReading& out);

}  // namespace host_exporter::platform
