#include "platform/directory_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace host_exporter::platform {

DirectoryLock::DirectoryLock(const std::string& directory) {
  const std::string path = directory + "/lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    throw std::runtime_error(directory + " is in use by another queue (another host_exporter, or the same URL twice): " +
                             (error == EWOULDBLOCK ? std::string("locked") : std::strerror(error)));
  }
}

DirectoryLock::~DirectoryLock() { ::close(fd_); }  // closing releases the lock

}  // namespace host_exporter::platform
