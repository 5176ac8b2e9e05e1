#include "ingest/textfile_reader.hpp"

// POSIX (Linux and macOS alike): the content and the mtime must come from the
// same open file, which std::ifstream plus std::filesystem cannot promise.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "exposition/text_parser.hpp"
#include "ingest/sample_timestamps.hpp"

namespace host_exporter::ingest {

namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string errno_text(int error) { return std::strerror(error); }

std::string too_large(std::size_t max_bytes) {
  return "larger than " + std::to_string(max_bytes) + " bytes (--collector.textfile.max-bytes)";
}

// Why a file of this type is not read, or "" for a regular file.
std::string refused_type(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISLNK(mode)) return "a symbolic link (only regular files are read)";
  if (S_ISFIFO(mode)) return "a FIFO (only regular files are read)";
  if (S_ISDIR(mode)) return "a directory";
  return "not a regular file";
}

std::variant<std::string, TextfileError> read_bounded(int fd, std::size_t size_hint, const TextfileLimits& limits) {
  std::string text;
  text.reserve(size_hint);
  char buffer[16384];
  while (true) {
    if (std::chrono::steady_clock::now() > limits.deadline) {
      return TextfileError{0, "the textfile scrape deadline passed while reading it"};
    }
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return TextfileError{0, "cannot read: " + errno_text(errno)};
    }
    if (got == 0) return text;
    // The file may grow after fstat: the cap holds for what is read, too.
    if (text.size() + static_cast<std::size_t>(got) > limits.max_bytes) return TextfileError{0, too_large(limits.max_bytes)};
    text.append(buffer, static_cast<std::size_t>(got));
  }
}

}  // namespace

std::variant<TextfileContent, TextfileError> read_textfile(const std::string& path, const TextfileLimits& limits) {
  struct stat before {};
  if (::lstat(path.c_str(), &before) != 0) return TextfileError{0, "cannot stat: " + errno_text(errno)};
  if (auto refused = refused_type(before.st_mode); !refused.empty()) return TextfileError{0, refused};
  // A sparse 200 GB file is refused here, before one byte is read or allocated.
  if (static_cast<std::uintmax_t>(before.st_size) > limits.max_bytes) return TextfileError{0, too_large(limits.max_bytes)};

  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY));
  if (file.get() < 0) {
    if (errno == ELOOP) return TextfileError{0, refused_type(S_IFLNK)};
    return TextfileError{0, "cannot open: " + errno_text(errno)};
  }

  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return TextfileError{0, "cannot stat: " + errno_text(errno)};
  // A writer's rename may have put another file there since lstat: it is checked again, and
  // being regular and under the cap is all that matters (O_NOFOLLOW kept a link out).
  if (auto refused = refused_type(info.st_mode); !refused.empty()) return TextfileError{0, refused};
  if (static_cast<std::uintmax_t>(info.st_size) > limits.max_bytes) return TextfileError{0, too_large(limits.max_bytes)};

  auto read = read_bounded(file.get(), static_cast<std::size_t>(info.st_size), limits);
  if (auto* error = std::get_if<TextfileError>(&read)) return std::move(*error);
  const std::string& text = std::get<std::string>(read);

  auto parsed = exposition::parse_text(text);
  if (auto* error = std::get_if<exposition::ParseError>(&parsed)) {
    // The parser's reason quotes the input; the file may be a secret, so only the line is told.
    return TextfileError{error->line, "not valid text format (promtool check metrics shows why)"};
  }
  auto& families = std::get<std::vector<MetricFamily>>(parsed);
  if (has_sample_timestamps(families)) {
    return TextfileError{first_timestamped_line(text), "sample timestamps are not supported; the file is skipped"};
  }
  return TextfileContent{std::move(families), static_cast<double>(info.st_mtime)};
}

}  // namespace host_exporter::ingest
