#pragma once
// Whole-file reads and crash-safe replacement, for the push persistence file.

#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::ingest {

// Replaces `path` with `data`: a temporary file in the same directory
// ("<name>.tmp-XXXXXX"), written and fsync'ed, renamed over `path`, then the
// directory fsync'ed. A crash at any point leaves the old file or the new one.
// Throws std::system_error naming the step that failed; no temporary file is left.
void write_file_atomically(const std::string& path, std::string_view data);

// The content of `path`; nullopt when it does not exist. Throws std::system_error otherwise.
std::optional<std::string> read_file_if_exists(const std::string& path);

// Removes "<name>.tmp-*" files that a crash in write_file_atomically left behind.
void remove_stale_temporary_files(const std::string& path);

}  // namespace host_exporter::ingest
