#pragma once
// Storage for the readings several collectors share within one scrape, kept from scrape to
// scrape (each concurrent scrape has its own). What it holds is the OS's: on Linux /proc/stat
// and its reading (linux/shared_proc_stat.hpp: cpu and stat both need it, and the kernel renders
// it at every read); on macOS nothing. Collectors get it through their ScrapeContext.

#include <memory>

namespace host_exporter::platform {

class ScrapeScratch {
 public:
  struct Readings;  // defined by the OS's implementation

  ScrapeScratch();
  ~ScrapeScratch();
  ScrapeScratch(const ScrapeScratch&) = delete;
  ScrapeScratch& operator=(const ScrapeScratch&) = delete;

  // A new scrape: what the last one read is no longer current.
  void begin_scrape();
  Readings& readings() { return *readings_; }

 private:
  std::unique_ptr<Readings> readings_;
};

}  // namespace host_exporter::platform
