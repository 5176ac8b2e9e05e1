#pragma once
// The Linux contents of a scrape's ScrapeScratch: /proc/stat, kept open, and its reading.

#include <optional>
#include <string>

#include "platform/linux/cached_file.hpp"
#include "platform/linux/stat_reader.hpp"
#include "platform/roots.hpp"
#include "platform/scrape_scratch.hpp"

namespace host_exporter::platform {

struct ScrapeScratch::Readings {
  std::string procfs;  // the root `file` was opened under
  std::optional<CachedFile> file;
  std::string buffer;
  StatReading reading;
  bool read_this_scrape = false;
};

// <procfs>/stat, read on the scrape's first call and shared by its later ones (a later call
// with another procfs reads that one).
const StatReading& shared_proc_stat(ScrapeScratch& scratch, const Roots& roots);

}  // namespace host_exporter::platform
