#pragma once
// Which scrape the calling thread is serving. HostScrape numbers its scrapes, so a
// reader shared by several collectors (/proc/stat: cpu and stat) reads its file once
// per scrape and still reads afresh for the next one.

#include <cstdint>

namespace host_exporter::collectors {

// The scrape this thread is collecting for; 0 outside a scrape (always read afresh).
std::uint64_t current_scrape_id();

// Gives the thread a new scrape id for its lifetime and restores the previous one after.
class ScrapeIdScope {
 public:
  ScrapeIdScope();
  ~ScrapeIdScope();
  ScrapeIdScope(const ScrapeIdScope&) = delete;
  ScrapeIdScope& operator=(const ScrapeIdScope&) = delete;

 private:
  std::uint64_t previous_;
};

}  // namespace host_exporter::collectors
