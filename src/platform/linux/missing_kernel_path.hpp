#pragma once
// procfs and sysfs keep no record of failed lookups: looking up a path that does not exist costs
// 6-8 us each time, and three such paths a scrape (/proc/pressure/irq on most kernels, the ZFS
// arcstats without ZFS, /sys/class/hwmon in a VM) were ~8 % of a scrape's CPU. MissingKernelPath
// remembers a missing path for a while; a file that appears later (a module loaded) is seen within
// the recheck interval. Paths on any other file system (a fixture tree) are always looked up again.

#include <chrono>
#include <string>

namespace host_exporter::platform {

class MissingKernelPath {
 public:
  static constexpr std::chrono::seconds kDefaultRecheck{30};

  explicit MissingKernelPath(std::chrono::steady_clock::duration recheck = kDefaultRecheck) : recheck_(recheck) {}

  // True while `path` is remembered as missing: the caller skips the lookup and treats it as ENOENT.
  bool remembered() const {
    return until_ != std::chrono::steady_clock::time_point{} && std::chrono::steady_clock::now() < until_;
  }

  // After a lookup of `path` failed with `error_number`: remembers it when that is ENOENT and the
  // nearest existing directory above it is on procfs or sysfs.
  void note_failure(const std::string& path, int error_number);

 private:
  std::chrono::steady_clock::duration recheck_;
  std::chrono::steady_clock::time_point until_{};
};

}  // namespace host_exporter::platform
