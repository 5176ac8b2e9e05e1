#pragma once
// Raises the soft RLIMIT_NOFILE to the hard limit, as Go programs (node_exporter
// among them) do at start: the processes collector keeps one descriptor per process
// open between windows, within half of the soft limit, and a default soft limit of
// 1024 would otherwise cap that at 512 processes (macOS: 256). POSIX getrlimit/setrlimit
// (posix/open_file_limit.cpp).

#include <cstdint>
#include <string>

namespace host_exporter::platform {

struct OpenFileLimit {
  std::uint64_t soft = 0;  // after the change (or as it was, when it failed)
  std::uint64_t hard = 0;
  std::string error;       // why it could not be raised; empty when it was or did not need to be
};

OpenFileLimit raise_open_file_limit();

}  // namespace host_exporter::platform
