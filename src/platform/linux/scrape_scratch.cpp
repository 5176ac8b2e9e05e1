#include "platform/linux/shared_proc_stat.hpp"

namespace host_exporter::platform {

ScrapeScratch::ScrapeScratch() : readings_(std::make_unique<Readings>()) {}
ScrapeScratch::~ScrapeScratch() = default;

void ScrapeScratch::begin_scrape() { readings_->read_this_scrape = false; }

const StatReading& shared_proc_stat(ScrapeScratch& scratch, const Roots& roots) {
  ScrapeScratch::Readings& shared = scratch.readings();
  if (shared.read_this_scrape && shared.procfs == roots.procfs) return shared.reading;
  if (!shared.file || shared.procfs != roots.procfs) {
    shared.file.emplace(roots.proc("stat"), Rendering::kWhole);
    shared.procfs = roots.procfs;
  }
  read_stat(*shared.file, shared.buffer, shared.reading);
  shared.read_this_scrape = true;
  return shared.reading;
}

}  // namespace host_exporter::platform
