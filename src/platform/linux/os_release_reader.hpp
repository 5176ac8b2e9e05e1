#pragma once
// os-release(5): <rootfs>/etc/os-release, falling back to <rootfs>/usr/lib/os-release.
// Shell-style KEY=value lines; values may be "double" or 'single' quoted.

#include <string>
#include <string_view>

#include "platform/roots.hpp"

namespace host_exporter::platform {

struct OsReleaseReading {
  std::string name, id, id_like, pretty_name, variant, variant_id, version, version_id,
      version_codename, build_id, image_id, image_version, support_end;
  std::string path;   // the file the values came from
  std::string error;  // neither file could be read

  bool ok() const { return error.empty(); }
};

// Parses the text of an os-release file; unknown keys, comments and lines that
// are not KEY=value are ignored, as systemd does.
void parse_os_release(std::string_view text, OsReleaseReading& out);

void read_os_release(const Roots& roots, OsReleaseReading& out);

}  // namespace host_exporter::platform
