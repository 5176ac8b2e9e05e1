#include "collectors/scrape_context.hpp"

namespace host_exporter::collectors {

#if defined(__linux__)
const platform::StatReading& ScrapeContext::proc_stat(const platform::Roots& roots) {
  if (stat_read_) return stat_->reading;
  if (!stat_->file || stat_->procfs != roots.procfs) {
    stat_->file.emplace(roots.proc("stat"), platform::Rendering::kWhole);
    stat_->procfs = roots.procfs;
  }
  platform::read_stat(*stat_->file, stat_->buffer, stat_->reading);
  stat_read_ = true;
  return stat_->reading;
}
#endif

}  // namespace host_exporter::collectors
