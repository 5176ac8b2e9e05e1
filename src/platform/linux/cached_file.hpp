#pragma once
// A procfs or sysfs file kept open between scrapes. The kernel renders these files
// afresh whenever they are read from offset 0, so pread(fd, ..., 0) on a kept
// descriptor gives current contents without the path lookup and the file set-up and
// tear-down of open and close (about 15 % of a scrape's CPU with ~20 files a scrape).
// Anything else, e.g. a fixture tree of regular files that a test may replace, is
// opened and read each time, so a replaced file is always seen. A procfs or sysfs file
// that does not exist is looked up again only every 30 s (MissingKernelPath).

#include <string>

#include "platform/linux/missing_kernel_path.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

class CachedFile {
 public:
  explicit CachedFile(std::string path, Rendering rendering = Rendering::kRecords);
  ~CachedFile();
  CachedFile(CachedFile&& other) noexcept;
  CachedFile& operator=(CachedFile&& other) noexcept;
  CachedFile(const CachedFile&) = delete;
  CachedFile& operator=(const CachedFile&) = delete;

  // As read_file: the whole file into `buffer`, or false with `error` set (strerror
  // text) and error_number() telling why. A kept descriptor that fails (the device
  // or process behind it is gone) is closed and the path opened again once.
  bool read(std::string& buffer, std::string* error = nullptr);

  const std::string& path() const { return path_; }
  int error_number() const { return error_number_; }  // errno of the last failed read, 0 after a good one
  bool kept_open() const { return fd_ >= 0; }

  // True unless the kept descriptor is known to be unchanged: /proc/<pid>/mounts reports a
  // priority event (POLLPRI) once after each change of the mount table (proc(5)). Only
  // meaningful for files that do that; true when nothing is kept open.
  bool may_have_changed() const;

 private:
  bool read_from_path(std::string& buffer, std::string* error);
  void close_kept();

  std::string path_;
  Rendering rendering_ = Rendering::kRecords;
  int fd_ = -1;
  int error_number_ = 0;
  MissingKernelPath missing_;
};

}  // namespace host_exporter::platform
