#pragma once
// Space and inode counts of a mounted filesystem, from statvfs(2).

#include <cstdint>
#include <string>

namespace host_exporter::platform {

struct FilesystemUsage {
  std::uint64_t blocks = 0;            // f_blocks
  std::uint64_t blocks_free = 0;       // f_bfree, including blocks reserved for root
  std::uint64_t blocks_available = 0;  // f_bavail, what an unprivileged user may use
  std::uint64_t files = 0;             // f_files
  std::uint64_t files_free = 0;        // f_ffree
  std::uint64_t block_size = 0;        // f_bsize (node_exporter multiplies by this, via statfs)
  std::uint64_t fragment_size = 0;     // f_frsize (the unit of the block counts; btop's multiplier)
};

struct FilesystemUsageReading {
  int error = 0;  // errno of the failed call; 0 when `usage` is good
  FilesystemUsage usage;
};

// statvfs(2) of `path`. May block for as long as the filesystem does (a hung NFS
// server): callers that must not stall run it under a timeout.
FilesystemUsageReading read_filesystem_usage(const std::string& path);

}  // namespace host_exporter::platform
