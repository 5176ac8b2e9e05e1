#pragma once
// One queued batch on disk: a fixed header, then the request body exactly as it is POSTed.
//
//   bytes 0-7    "hxrwq001"   (format and version)
//   bytes 8-11   samples      uint32 little-endian
//   bytes 12-15  body length  uint32 little-endian
//   bytes 16-19  CRC-32 of the body (zlib's)
//   bytes 20-    body
//
// A batch is written to a temporary name, flushed to disk, then renamed into place, so a
// batch file either is whole or does not exist; the length and CRC catch what a crash or a
// faulty disk leaves behind anyway (a file cut short, a block of zeros).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace host_exporter::remote_write {

inline constexpr std::size_t kBatchHeaderBytes = 20;

struct BatchFile {
  std::uint32_t samples = 0;
  std::string body;
};

// Writes `path` atomically (via `path` + ".tmp", fsync, rename, fsync of the directory).
// False with `error` set (the temporary file removed) when the disk refuses: full, read-only.
bool write_batch_file(const std::string& directory, const std::string& name, const BatchFile& batch,
                      std::string& error);

// Reads only the header: the sample count and the file's expected size. nullopt when the
// file is not a batch file or is shorter than its header says.
struct BatchFileHeader {
  std::uint32_t samples = 0;
  std::uint64_t file_bytes = 0;
};
std::optional<BatchFileHeader> read_batch_header(const std::string& path, std::string& error);

// Reads and checks a whole batch file; nullopt with `error` set when it is missing, cut short or corrupt.
std::optional<BatchFile> read_batch_file(const std::string& path, std::string& error);

}  // namespace host_exporter::remote_write
