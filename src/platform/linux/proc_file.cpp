#include "platform/linux/proc_file.hpp"

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace host_exporter::platform {

bool read_file(const std::string& path, std::string& buffer, std::string* error) {
  buffer.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  std::size_t used = 0;
  if (buffer.capacity() < 4096) buffer.reserve(4096);
  for (;;) {
    if (buffer.size() < used + 4096) buffer.resize(std::max(buffer.capacity(), used + 4096));
    const ssize_t n = ::read(fd, buffer.data() + used, buffer.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (error) *error = std::strerror(errno);
      ::close(fd);
      buffer.clear();
      return false;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  ::close(fd);
  buffer.resize(used);
  return true;
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
