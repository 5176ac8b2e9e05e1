#pragma once
// Reading small pseudo-files (/proc, /sys) whole. Their stat size is 0, so they
// are read until EOF into a buffer the caller keeps between scrapes.

#include <string>
#include <string_view>

namespace host_exporter::platform {

// Reads the whole file into `buffer` (replacing its contents). Returns false and
// leaves `error` set (strerror text) when the file cannot be opened or read.
bool read_file(const std::string& path, std::string& buffer, std::string* error = nullptr);

// Convenience for cold paths: the file's contents, or an empty string.
std::string read_file_or_empty(const std::string& path);

// The first line of a file without its newline, e.g. a sysfs attribute.
bool read_first_line(const std::string& path, std::string& line);

}  // namespace host_exporter::platform
