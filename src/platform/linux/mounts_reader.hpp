#pragma once
// The mount table as the kernel lists it in /proc/<pid>/mounts (fstab(5) layout:
// device mountpoint fstype options dump pass), with octal escapes decoded.

#include <string>
#include <string_view>
#include <vector>

#include "platform/linux/cached_file.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {

struct MountEntry {
  std::string device;
  std::string mountpoint;  // as the kernel sees it, not stripped of --path.rootfs
  std::string fstype;
  std::string options;     // comma-separated, e.g. "rw,relatime"
};

struct MountsReading {
  std::vector<MountEntry> mounts;
  std::string path;   // the file that was read
  std::string error;  // empty when the reading is good
};

// Parses mount table text into `reading.mounts` (reusing its strings).
// A line with fewer than four fields makes the whole reading an error.
bool parse_mounts(std::string_view text, MountsReading& reading);

// Decodes the kernel's \ooo escapes (space, tab, newline, backslash) into `out`.
void decode_mount_escapes(std::string_view text, std::string& out);

class MountsReader {
 public:
  explicit MountsReader(const Roots& roots);

  // Reads <procfs>/1/mounts (the host's table, as node_exporter does), falling
  // back to <procfs>/mounts when PID 1 is hidden (hidepid) or not readable.
  // The table rarely changes: when the kernel says it has not (poll on the kept
  // descriptor), it is not even read, and when its bytes are those of the previous
  // good read, parsing is skipped; either way `reading` is left as that read made
  // it, so pass the same reading every time.
  bool read(MountsReading& reading);

 private:
  CachedFile init_file_;  // both kept open: re-read with pread each scrape
  CachedFile self_file_;
  std::string buffer_;
  std::string parsed_;  // the bytes behind the last good parse; empty when there was none
};

}  // namespace host_exporter::platform
