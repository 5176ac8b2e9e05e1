#pragma once
// One scrape's context, handed to every host collector as a parameter: the readings
// several collectors share within it (/proc/stat, read by cpu and stat: the kernel
// renders it at every read, and two reads were ~4.5 % of a scrape's CPU). Scrapes run
// concurrently; each has its own context. Deadlines are HostScrape's, per collector.

#include <memory>
#include <optional>
#include <string>

#include "platform/roots.hpp"

#if defined(__linux__)
#include "platform/linux/cached_file.hpp"
#include "platform/linux/stat_reader.hpp"
#endif

namespace host_exporter::collectors {

#if defined(__linux__)
// A /proc/stat file and its reading, reused from scrape to scrape (HostScrape keeps a few).
struct StatScratch {
  std::string procfs;  // the root `file` was opened under
  std::optional<platform::CachedFile> file;
  std::string buffer;
  platform::StatReading reading;
};
#endif

class ScrapeContext {
 public:
#if defined(__linux__)
  // `stat` holds the storage for the shared reading; it outlives the context.
  explicit ScrapeContext(StatScratch& stat) : stat_(&stat) {}
#endif

#if defined(__linux__)
  // /proc/stat under `roots`, read on the first call of this scrape and shared by the later ones.
  const platform::StatReading& proc_stat(const platform::Roots& roots);
#endif

 private:
#if defined(__linux__)
  StatScratch* stat_;
  bool stat_read_ = false;
#endif
};

}  // namespace host_exporter::collectors
