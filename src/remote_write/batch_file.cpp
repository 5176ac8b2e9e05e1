#include "remote_write/batch_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace host_exporter::remote_write {

namespace {

constexpr char kMagic[8] = {'h', 'x', 'r', 'w', 'q', '0', '0', '1'};

void put_u32(char* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xffu);
}

std::uint32_t get_u32(const char* in) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  return value;
}

std::uint32_t crc_of(const std::string& body) {
  return static_cast<std::uint32_t>(
      ::crc32(::crc32(0L, nullptr, 0), reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t got = ::read(fd, data, size);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    data += got;
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

bool write_batch_file(const std::string& directory, const std::string& name, const BatchFile& batch,
                      std::string& error) {
  const std::string path = directory + "/" + name;
  const std::string temporary = path + ".tmp";
  char header[kBatchHeaderBytes];
  std::memcpy(header, kMagic, sizeof(kMagic));
  put_u32(header + 8, batch.samples);
  put_u32(header + 12, static_cast<std::uint32_t>(batch.body.size()));
  put_u32(header + 16, crc_of(batch.body));

  Fd file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (file.get() < 0) {
    error = errno_text("cannot create " + temporary);
    return false;
  }
  const bool written = write_all(file.get(), header, sizeof(header)) &&
                       write_all(file.get(), batch.body.data(), batch.body.size()) && ::fsync(file.get()) == 0;
  if (!written || ::close(file.release()) != 0) {
    error = errno_text("cannot write " + temporary);
    ::unlink(temporary.c_str());
    return false;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    error = errno_text("cannot rename " + temporary);
    ::unlink(temporary.c_str());
    return false;
  }
  // The rename itself reaches the disk with the directory.
  Fd dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
  return true;
}

std::optional<BatchFileHeader> read_batch_header(const std::string& path, std::string& error) {
  Fd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    error = errno_text("cannot open " + path);
    return std::nullopt;
  }
  char header[kBatchHeaderBytes];
  struct stat info {};
  if (!read_all(file.get(), header, sizeof(header)) || std::memcmp(header, kMagic, sizeof(kMagic)) != 0 ||
      ::fstat(file.get(), &info) != 0) {
    error = path + ": not a batch file (no header)";
    return std::nullopt;
  }
  const std::uint64_t expected = kBatchHeaderBytes + get_u32(header + 12);
  if (static_cast<std::uint64_t>(info.st_size) != expected) {
    error = path + ": " + std::to_string(info.st_size) + " bytes, its header says " + std::to_string(expected);
    return std::nullopt;
  }
  return BatchFileHeader{get_u32(header + 8), expected};
}

std::optional<BatchFile> read_batch_file(const std::string& path, std::string& error) {
  const auto header = read_batch_header(path, error);
  if (!header) return std::nullopt;
  Fd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    error = errno_text("cannot open " + path);
    return std::nullopt;
  }
  char raw[kBatchHeaderBytes];
  BatchFile batch;
  batch.samples = header->samples;
  batch.body.resize(header->file_bytes - kBatchHeaderBytes);
  if (!read_all(file.get(), raw, sizeof(raw)) || !read_all(file.get(), batch.body.data(), batch.body.size())) {
    error = path + ": cut short";
    return std::nullopt;
  }
  if (crc_of(batch.body) != get_u32(raw + 16)) {
    error = path + ": CRC mismatch (corrupt)";
    return std::nullopt;
  }
  return batch;
}

}  // namespace host_exporter::remote_write
