#pragma once
// /proc/stat for the cpu and stat collectors: the kernel renders it at every read (two
// reads were ~4.5 % of a scrape's CPU), so the two share one reading per scrape.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "platform/linux/cached_file.hpp"
#include "platform/linux/stat_reader.hpp"
#include "platform/roots.hpp"

namespace host_exporter::collectors {

class SharedStatReading {
 public:
  explicit SharedStatReading(const platform::Roots& roots);

  // The one for this procfs root, shared by every collector that asks while it lives.
  static std::shared_ptr<SharedStatReading> for_roots(const platform::Roots& roots);

  // This scrape's reading into `out`: read now unless another collector already read it
  // in the same scrape (current_scrape_id); outside a scrape, always read now.
  void read(platform::StatReading& out);

 private:
  std::mutex mutex_;
  platform::CachedFile file_;
  std::string buffer_;
  platform::StatReading reading_;
  std::uint64_t scrape_id_ = 0;  // the scrape `reading_` belongs to; 0: none
};

}  // namespace host_exporter::collectors
