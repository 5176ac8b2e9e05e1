#pragma once
// /proc/vmstat: one "name value" pair per line, in file order.

#include <string>
#include <string_view>
#include <vector>

#include "platform/linux/cached_file.hpp"

namespace host_exporter::platform {

struct VmstatField {
  std::string_view name;  // in the text parsed: valid while it is (a copy a field cost more than its parse)
  // A double: the kernel prints unsigned longs, but per-CPU drift can make an nr_*
  // gauge briefly negative, and a counter may pass INT64_MAX.
  double value = 0;
};

struct VmstatReading {
  std::vector<VmstatField> fields;
  std::string error;

  bool ok() const { return error.empty(); }
};

// The fields' names point into `text` (into `buffer` for the readers).
void parse_vmstat(std::string_view text, VmstatReading& out);
void read_vmstat(const std::string& path, std::string& buffer, VmstatReading& out);
// The same through a file the caller keeps open between scrapes (the hot path).
void read_vmstat(CachedFile& file, std::string& buffer, VmstatReading& out);

}  // namespace host_exporter::platform
