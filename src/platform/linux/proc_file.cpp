#include "platform/linux/proc_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace host_exporter::platform {

// Each read lands on the stack and what came is appended: sizing the string first and
// reading into it zeroed all of its capacity at every read (most of a scrape's memset).
int read_to_end(int fd, std::string& buffer, bool positional, bool short_read_ends) {
  char chunk[16384];
  buffer.clear();
  for (;;) {
    const ssize_t n = positional ? ::pread(fd, chunk, sizeof chunk, static_cast<off_t>(buffer.size()))
                                 : ::read(fd, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int failure = errno;
      buffer.clear();
      return failure;
    }
    if (n == 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    if (short_read_ends && static_cast<std::size_t>(n) < sizeof chunk) break;
  }
  return 0;
}

bool read_file(const std::string& path, std::string& buffer, std::string* error) {
  buffer.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  const int failure = read_to_end(fd, buffer, false, false);
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
