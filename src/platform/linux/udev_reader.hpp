#pragma once
// udev's database entry of a block device, <udev data>/b<major>:<minor>: one record
// a line, "E:KEY=VALUE" for the device's properties (udevadm(8)). node_exporter 1.5
// labels node_disk_info with five of them.

#include <string>
#include <string_view>

#include "platform/roots.hpp"

namespace host_exporter::platform {

struct UdevDiskProperties {
  std::string path;      // ID_PATH
  std::string model;     // ID_MODEL
  std::string revision;  // ID_REVISION
  std::string serial;    // ID_SERIAL_SHORT (1.5 reads no other serial key)
  std::string wwn;       // ID_WWN
};

// Takes the five properties from a database entry's text; other records and
// properties are ignored. A property record without '=' is skipped: the result
// keeps every good record and is false, with `error` naming the first bad line.
bool parse_udev_properties(std::string_view text, UdevDiskProperties& properties, std::string& error);

// Reads and parses <udev data>/b<major>:<minor>. A missing or unreadable entry
// leaves every property empty (as node_exporter does) and is false with `error` set.
bool read_udev_disk_properties(const Roots& roots, unsigned major, unsigned minor, UdevDiskProperties& properties,
                               std::string& error);

}  // namespace host_exporter::platform
