#pragma once
// Whole-file reads and crash-safe replacement: the push persistence file and
// the textfiles applications write.

#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::ingest {

// Replaces `path` with `data`: a temporary file in the same directory
// ("<name>.tmp-XXXXXX"), written and fsync'ed, renamed over `path`, then the
// directory fsync'ed. A crash at any point leaves the old file or the new one.
// Throws std::system_error naming the step that failed; no temporary file is left.
// `permissions` are the new file's mode bits: 0600 keeps pushed data private;
// a textfile read by an exporter running as another user needs 0644.
void write_file_atomically(const std::string& path, std::string_view data, unsigned permissions = 0600);

// The content of `path`; nullopt when it does not exist. Throws std::system_error otherwise.
std::optional<std::string> read_file_if_exists(const std::string& path);

// Removes "<name>.tmp-*" files that a crash in write_file_atomically left behind.
void remove_stale_temporary_files(const std::string& path);

}  // namespace host_exporter::ingest
