#pragma once
// An exclusive lock on a directory, held for the holder's life: flock(2) on a file named
// "lock" in it (posix/directory_lock.cpp). The kernel releases it when the process dies,
// so a kill -9 leaves nothing to clean up. Two processes (or two owners in one process)
// that would both rewrite the same directory get an error instead of corrupting it.

#include <string>

namespace host_exporter::platform {

class DirectoryLock {
 public:
  // Throws std::runtime_error naming the directory when the lock is held elsewhere or the
  // lock file cannot be opened.
  explicit DirectoryLock(const std::string& directory);
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace host_exporter::platform
