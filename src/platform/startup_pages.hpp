#pragma once
// Gives back the pages of the program's own code and constants that starting up touched.
// The kernel maps a program's read-only segments from the page cache as code runs, 64 KiB
// around each fault (fault-around); what only start-up ran (flag parsing, config files, TLS
// and library set-up) would stay in the resident set for the life of the process: about 1.6
// MiB of the static Linux binary's 5.6. The segments given back are those the program never
// writes (PT_LOAD without PF_W, clear of PT_GNU_RELRO), whose bytes are the file's, so nothing
// is lost: a page used again is mapped again from the page cache, as at the first call.
// serve calls it twice: once serving, and after the first scrape, whose one-time work (device
// and mount tables, first readings, lazily built state) is start-up too.
// Linux: madvise(MADV_DONTNEED) (linux/startup_pages.cpp); macOS: nothing.

#include <cstddef>

namespace host_exporter::platform {

// The bytes of mappings given back; 0 where that is not done.
std::size_t release_startup_pages();

}  // namespace host_exporter::platform
