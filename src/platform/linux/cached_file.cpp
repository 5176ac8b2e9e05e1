#include "platform/linux/cached_file.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <poll.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

namespace {

// Files the kernel renders at each read from offset 0 (procfs, sysfs): worth keeping open.
bool rendered_on_read(int fd) {
  struct statfs info {};
  if (::fstatfs(fd, &info) != 0) return false;
  const auto type = static_cast<unsigned long>(info.f_type);
  return type == PROC_SUPER_MAGIC || type == SYSFS_MAGIC;
}

}  // namespace

CachedFile::CachedFile(std::string path, Rendering rendering) : path_(std::move(path)), rendering_(rendering) {}

CachedFile::~CachedFile() { close_kept(); }

CachedFile::CachedFile(CachedFile&& other) noexcept
    : path_(std::move(other.path_)),
      rendering_(other.rendering_),
      fd_(std::exchange(other.fd_, -1)),
      error_number_(other.error_number_),
      missing_(other.missing_) {}

CachedFile& CachedFile::operator=(CachedFile&& other) noexcept {
  if (this != &other) {
    close_kept();
    path_ = std::move(other.path_);
    rendering_ = other.rendering_;
    fd_ = std::exchange(other.fd_, -1);
    error_number_ = other.error_number_;
    missing_ = other.missing_;
  }
  return *this;
}

void CachedFile::close_kept() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool CachedFile::may_have_changed() const {
  if (fd_ < 0) return true;
  pollfd entry{fd_, POLLPRI, 0};
  const int ready = ::poll(&entry, 1, 0);
  return ready != 0;  // an event, or poll failed: read to be sure
}

bool CachedFile::read(std::string& buffer, std::string* error) {
  if (fd_ >= 0) {
    if (read_to_end(fd_, buffer, true, rendering_) == 0) {
      error_number_ = 0;
      return true;
    }
    // ENODEV from a removed device's attribute, ESRCH from a process that exited, EIO
    // from a proc entry whose module went away: the path may lead to a new file now.
    close_kept();
  }
  if (missing_.remembered()) {
    buffer.clear();
    error_number_ = ENOENT;
    if (error) *error = std::strerror(ENOENT);
    return false;
  }
  return read_from_path(buffer, error);
}

bool CachedFile::read_from_path(std::string& buffer, std::string* error) {
  buffer.clear();
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error_number_ = errno;
    missing_.note_failure(path_, error_number_);
    if (error) *error = std::strerror(error_number_);
    return false;
  }
  error_number_ = read_to_end(fd, buffer, true, rendering_);
  const bool positional = error_number_ != ESPIPE;
  if (!positional) error_number_ = read_to_end(fd, buffer, false, rendering_);
  if (error_number_ != 0) {
    ::close(fd);
    if (error) *error = std::strerror(error_number_);
    return false;
  }
  if (positional && rendered_on_read(fd)) {
    fd_ = fd;
  } else {
    ::close(fd);
  }
  return true;
}

}  // namespace host_exporter::platform
