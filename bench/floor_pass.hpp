#pragma once
// One pass of the reads a scrape makes, and nothing else: the files of a list recorded from a
// real scrape (bench/read_floor.sh), kept open and preaded as many times as the scrape read
// each, and the mounts statfs'd. Shared by the read floor and the serving floor.
//
// List lines: "read COUNT PATH" (COUNT reads from offset 0 on, stopping early at a read of 0
// bytes) and "statfs PATH".

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace host_exporter::bench {

// The process's CPU time so far (user + system), in seconds.
inline double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

class FloorPass {
 public:
  // False, with a message on stderr, when the list cannot be read or names nothing.
  bool load(const char* list_path) {
    std::ifstream list(list_path);
    std::string kind, path;
    int reads = 0;
    while (list >> kind) {
      if (kind == "read" && list >> reads >> path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
          std::fprintf(stderr, "cannot open %s\n", path.c_str());
          continue;
        }
        // A /proc/sys handler zeroes a kernel buffer the size of each read: read it as the
        // scrape does, in small pieces, or the floor pays for memory the scrape does not.
        const bool sysctl = path.rfind("/proc/sys/", 0) == 0;
        files_.push_back({fd, reads, sysctl ? std::size_t{256} : buffer_.size()});
      } else if (kind == "statfs" && list >> path) {
        mounts_.push_back(path);
      } else {
        std::fprintf(stderr, "%s: cannot parse after \"%s\"\n", list_path, kind.c_str());
        return false;
      }
    }
    if (files_.empty() && mounts_.empty()) std::fprintf(stderr, "%s names no file and no mount\n", list_path);
    return !files_.empty() || !mounts_.empty();
  }

  // Returns the bytes read.
  long run() {
    long bytes = 0;
    for (const File& file : files_) {
      off_t offset = 0;
      for (int read = 0; read < file.reads; ++read) {
        const ssize_t got = ::pread(file.fd, buffer_.data(), file.read_size, offset);
        if (got <= 0) break;
        offset += got;
      }
      bytes += offset;
    }
    for (const auto& mount : mounts_) {
      struct statfs result {};
      ::statfs(mount.c_str(), &result);
    }
    return bytes;
  }

  std::size_t files() const { return files_.size(); }
  std::size_t mounts() const { return mounts_.size(); }

 private:
  struct File {
    int fd;
    int reads;
    std::size_t read_size;
  };
  std::vector<File> files_;
  std::vector<std::string> mounts_;
  std::vector<char> buffer_ = std::vector<char>(1 << 16);
};

}  // namespace host_exporter::bench
