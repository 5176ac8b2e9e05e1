// The read floor of a scrape: the CPU a loop costs that only preads the files a scrape reads
// (kept open, as the collectors keep them) and statfs's the mounts it statfs's, nothing else.
// bench/read_floor.sh records the list from a real scrape (strace) and runs this on it.
//
//   hx_bench_read_floor LIST [ITERATIONS]
// LIST: lines "read <path>" (read whole, from offset 0, until a read returns 0) and "statfs <path>".
// Prints the CPU time (user + system, getrusage) per iteration in milliseconds.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s LIST [ITERATIONS]\n", argv[0]);
    return 2;
  }
  const long iterations = argc > 2 ? std::atol(argv[2]) : 20000;
  std::ifstream list(argv[1]);
  std::vector<int> files;
  std::vector<std::string> mounts;
  std::string kind, path;
  while (list >> kind >> path) {
    if (kind == "read") {
      const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        std::fprintf(stderr, "cannot open %s\n", path.c_str());
        continue;
      }
      files.push_back(fd);
    } else if (kind == "statfs") {
      mounts.push_back(path);
    }
  }
  std::vector<char> buffer(1 << 16);
  long bytes = 0;
  const double start = cpu_seconds();
  for (long i = 0; i < iterations; ++i) {
    for (const int fd : files) {
      off_t offset = 0;
      for (;;) {
        const ssize_t got = ::pread(fd, buffer.data(), buffer.size(), offset);
        if (got <= 0) break;
        offset += got;
        bytes += got;
      }
    }
    for (const auto& mount : mounts) {
      struct statfs result {};
      ::statfs(mount.c_str(), &result);
    }
  }
  const double elapsed = cpu_seconds() - start;
  std::printf("files %zu, mounts %zu, %.1f KiB a pass, CPU %.4f ms per pass (%ld passes)\n", files.size(),
              mounts.size(), static_cast<double>(bytes) / static_cast<double>(iterations) / 1024.0,
              elapsed * 1000.0 / static_cast<double>(iterations), iterations);
  return 0;
}
