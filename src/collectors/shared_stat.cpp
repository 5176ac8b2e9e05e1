#include "collectors/shared_stat.hpp"

#include <map>

#include "collectors/scrape_id.hpp"

namespace host_exporter::collectors {

SharedStatReading::SharedStatReading(const platform::Roots& roots)
    : file_(roots.proc("stat"), platform::Rendering::kWhole) {}

std::shared_ptr<SharedStatReading> SharedStatReading::for_roots(const platform::Roots& roots) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<SharedStatReading>> by_procfs;
  std::lock_guard lock(mutex);
  auto& slot = by_procfs[roots.procfs];
  auto shared = slot.lock();
  if (!shared) {
    shared = std::make_shared<SharedStatReading>(roots);
    slot = shared;
  }
  return shared;
}

void SharedStatReading::read(platform::StatReading& out) {
  const std::uint64_t scrape = current_scrape_id();
  std::lock_guard lock(mutex_);
  if (scrape == 0 || scrape != scrape_id_) {
    platform::read_stat(file_, buffer_, reading_);
    scrape_id_ = scrape;
  }
  out = reading_;
}

}  // namespace host_exporter::collectors
