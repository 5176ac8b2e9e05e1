#include "platform/linux/proc_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace host_exporter::platform {

// Small files (nearly all) are read onto the stack and appended: sizing the string first and
// reading into it zeroed its whole capacity at every read. A string that has held a file of a
// chunk or more (/proc/stat on a machine with many CPUs) is read into directly, as much as its
// capacity at a time: a single_open file is rendered whole at every read, so it should take one.
// A sysctl value is a line of a few bytes (a host name: at most 64): 256 bytes a read keeps the
// kernel's zeroed buffer small, and longer values take more reads.
constexpr std::size_t kSysctlReadSize = 256;

int read_to_end(int fd, std::string& buffer, bool positional, Rendering rendering) {
  char chunk[16384];
  const bool sysctl = rendering == Rendering::kSysctl;
  const bool short_read_ends = rendering != Rendering::kRecords;
  const bool direct = !sysctl && buffer.capacity() >= sizeof chunk;
  std::size_t used = 0;
  buffer.clear();
  for (;;) {
    char* target = chunk;
    std::size_t room = sysctl ? kSysctlReadSize : sizeof chunk;
    if (direct) {
      if (buffer.size() < used + 4096) buffer.resize(std::max(buffer.capacity(), used + 4096));
      target = buffer.data() + used;
      room = buffer.size() - used;
    }
    const ssize_t n = positional ? ::pread(fd, target, room, static_cast<off_t>(used)) : ::read(fd, target, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int failure = errno;
      buffer.clear();
      return failure;
    }
    if (n == 0) break;
    if (!direct) buffer.append(chunk, static_cast<std::size_t>(n));
    used += static_cast<std::size_t>(n);
    if (short_read_ends && static_cast<std::size_t>(n) < room) break;
  }
  buffer.resize(used);
  return 0;
}

bool read_file(const std::string& path, std::string& buffer, std::string* error) {
  buffer.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  const int failure = read_to_end(fd, buffer, false, Rendering::kRecords);
  ::close(fd);
  if (failure != 0 && error) *error = std::strerror(failure);
  return failure == 0;
}

std::string read_file_or_empty(const std::string& path) {
  std::string buffer;
  if (!read_file(path, buffer)) buffer.clear();
  return buffer;
}

bool read_first_line(const std::string& path, std::string& line) {
  if (!read_file(path, line)) return false;
  const auto newline = line.find('\n');
  if (newline != std::string::npos) line.resize(newline);
  return true;
}

}  // namespace host_exporter::platform
