#include "host_exporter/textfile_writer.hpp"

// POSIX (Linux and macOS): std::filesystem has no fsync.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "exposition/format.hpp"
#include "ingest/default_paths.hpp"

namespace host_exporter {

namespace {

[[noreturn]] void fail(int error, const std::string& what, const std::string& path) {
  throw std::system_error(error, std::generic_category(), what + " " + path);
}

void write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(errno, "cannot write", path);
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
}

// A temporary file beside `path`, written, made readable by others and fsync'ed.
std::string write_temporary(const std::string& path, std::string_view data) {
  std::string name = path + ".tmp-XXXXXX";
  std::vector<char> buffer(name.begin(), name.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) fail(errno, "cannot create a temporary file for", path);
  name.assign(buffer.data());
  try {
    write_all(fd, data, name);
    if (::fchmod(fd, 0644) != 0) fail(errno, "cannot chmod", name);  // mkstemp makes it 0600
    if (::fsync(fd) != 0) fail(errno, "cannot fsync", name);
  } catch (...) {
    ::close(fd);
    ::unlink(name.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(name.c_str());
    fail(error, "cannot close", name);
  }
  return name;
}

void sync_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot open directory", directory);
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) fail(error, "cannot fsync directory", directory);
}

}  // namespace

void write_textfile(const std::string& path, Collector& source, bool create_directory) {
  const std::filesystem::path target(path);
  const std::string file_name = target.filename().string();
  if (file_name.size() <= 5 || !file_name.ends_with(".prom")) {
    throw std::invalid_argument("textfile name must end in .prom (the collector reads nothing else): " + path);
  }
  const std::string directory = target.has_parent_path() ? target.parent_path().string() : std::string(".");
  if (create_directory) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) fail(error.value(), "cannot create directory", directory);
  }

  std::vector<MetricFamily> families;
  source.collect(families);
  std::string text;
  exposition::encode(families, exposition::Format::kText004, text);

  const std::string temporary = write_temporary(path, text);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail(error, "cannot rename the temporary file to", path);
  }
  // The rename is durable only once the directory entry is on disk.
  sync_directory(directory);
}

std::string default_textfile_directory() { return ingest::default_textfile_directory(); }

std::string default_textfile_path(std::string_view job) {
  const bool valid = !job.empty() && job != "." && job != ".." &&
                     job.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") ==
                         std::string_view::npos;
  if (!valid) {
    throw std::invalid_argument("job must be a file name of letters, digits, '_', '-' and '.': \"" +
                                std::string(job) + "\"");
  }
  const std::string directory = default_textfile_directory();
  if (directory.empty()) {
    throw std::runtime_error("no default textfile directory (HOME is not set): give a path");
  }
  return (std::filesystem::path(directory) / (std::string(job) + ".prom")).string();
}

}  // namespace host_exporter
