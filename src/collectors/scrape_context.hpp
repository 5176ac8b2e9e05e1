#pragma once
// One scrape's context, handed to every host collector as a parameter: the storage of the
// readings several collectors share within it (platform::ScrapeScratch; on Linux /proc/stat,
// read by cpu and stat through platform::shared_proc_stat). Scrapes run concurrently; each has
// its own context. Deadlines are HostScrape's, per collector.

#include "platform/scrape_scratch.hpp"

namespace host_exporter::collectors {

class ScrapeContext {
 public:
  // `scratch` outlives the context; what it holds from an earlier scrape is no longer current.
  explicit ScrapeContext(platform::ScrapeScratch& scratch) : scratch_(scratch) { scratch_.begin_scrape(); }

  platform::ScrapeScratch& scratch() { return scratch_; }

 private:
  platform::ScrapeScratch& scratch_;
};

}  // namespace host_exporter::collectors
