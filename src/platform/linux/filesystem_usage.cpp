#include "platform/linux/filesystem_usage.hpp"

#include <cerrno>
#include <sys/statvfs.h>

namespace host_exporter::platform {

FilesystemUsageReading read_filesystem_usage(const std::string& path) {
  FilesystemUsageReading reading;
  struct statvfs buf {};
  int rc;
  do {
    rc = ::statvfs(path.c_str(), &buf);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    reading.error = errno;
    return reading;
  }
  reading.usage.blocks = buf.f_blocks;
  reading.usage.blocks_free = buf.f_bfree;
  reading.usage.blocks_available = buf.f_bavail;
  reading.usage.files = buf.f_files;
  reading.usage.files_free = buf.f_ffree;
  reading.usage.block_size = buf.f_bsize;
  reading.usage.fragment_size = buf.f_frsize;
  return reading;
}

}  // namespace host_exporter::platform
