#pragma once
// Reads one *.prom file of the textfile directory: the whole file through one
// descriptor (so a writer's atomic rename gives us either the old file or the
// new one, never a mix), strictly parsed, refused when a sample has a timestamp.
//
// The directory may be writable by others than us, so a file is checked before
// it is read: lstat first (symbolic links, FIFOs, devices and sockets are
// refused without opening them), then opened with O_NOFOLLOW|O_NONBLOCK (a file
// swapped for a FIFO or a link in between cannot block or redirect the open),
// then fstat'ed again (the same file, still regular, still under the size cap).
// Reading stops at the cap and at the deadline. Error reasons never quote the
// file's content: they are logged, and the file may be a secret.

#include <chrono>
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::ingest {

struct TextfileContent {
  std::vector<MetricFamily> families;
  double mtime_seconds = 0;  // whole seconds, as node_exporter reports them
};

struct TextfileError {
  std::size_t line = 0;  // 1-based; 0 when the error is not about one line
  std::string reason;    // never quotes the file's content
};

struct TextfileLimits {
  std::size_t max_bytes = 16u << 20;  // --collector.textfile.max-bytes
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

std::variant<TextfileContent, TextfileError> read_textfile(const std::string& path, const TextfileLimits& limits = {});

}  // namespace host_exporter::ingest
