#include "ingest/textfile_reader.hpp"

// POSIX (Linux and macOS alike): the content and the mtime must come from the
// same open file, which std::ifstream plus std::filesystem cannot promise.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

}  // namespace

std::variant<TextfileContent, TextfileError> read_textfile(const std::string& path) {
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return TextfileError{0, "cannot open: " + errno_text(errno)};

  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return TextfileError{0, "cannot stat: " + errno_text(errno)};
  if (!S_ISREG(info.st_mode)) return TextfileError{0, "not a regular file"};

  std::string text;
  text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[16384];
  while (true) {
    const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return TextfileError{0, "cannot read: " + errno_text(errno)};
    }
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }

  auto parsed = exposition::parse_text(text);
  if (auto* error = std::get_if<exposition::ParseError>(&parsed)) return TextfileError{error->line, error->reason};
  auto& families = std::get<std::vector<MetricFamily>>(parsed);
  if (has_sample_timestamps(families)) {
    return TextfileError{first_timestamped_line(text), "sample timestamps are not supported; the file is skipped"};
  }
  return TextfileContent{std::move(families), static_cast<double>(info.st_mtime)};
}

}  // namespace host_exporter::ingest
