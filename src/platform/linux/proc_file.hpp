#pragma once
// Reading small pseudo-files (/proc, /sys) whole. Their stat size is 0, so they
// are read until EOF into a buffer the caller keeps between scrapes.

#include <string>
#include <string_view>

namespace host_exporter::platform {

// Reads the whole file into `buffer` (replacing its contents). Returns false and
// leaves `error` set (strerror text) when the file cannot be opened or read.
bool read_file(const std::string& path, std::string& buffer, std::string* error = nullptr);

// How the kernel hands a file out:
// - kRecords: seq_file record by record, at most a page per read, so only a read of 0 bytes
//   is the end.
// - kWhole: rendered in one piece (single_open seq files such as /proc/stat, meminfo,
//   pressure; sysfs attributes), so a read shorter than asked is the end and the extra read
//   for EOF is saved.
// - kSysctl: a /proc/sys file, whole as kWhole. Its handler allocates and zeroes a kernel
//   buffer the size of each read, so it is read in small pieces: 16 KiB reads of
//   /proc/sys/kernel/hostname and domainname spent 2.4 % of a scrape's CPU (perf), most of
//   it allocating and clearing pages.
enum class Rendering { kRecords, kWhole, kSysctl };

// Reads `fd` to its end into `buffer` (replacing its contents): from offset 0 with pread
// (`positional`), or from where it stands with read, for the rare file that refuses pread
// (ESPIPE). Returns 0 or the errno of the failed read.
int read_to_end(int fd, std::string& buffer, bool positional, Rendering rendering);

// Convenience for cold paths: the file's contents, or an empty string.
std::string read_file_or_empty(const std::string& path);

// The first line of a file without its newline, e.g. a sysfs attribute.
bool read_first_line(const std::string& path, std::string& line);

}  // namespace host_exporter::platform
