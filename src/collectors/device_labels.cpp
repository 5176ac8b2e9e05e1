#include "collectors/device_labels.hpp"

#include "host_exporter/metric_family.hpp"

namespace host_exporter::collectors {

const std::string* DeviceLabels::find(std::string_view device) {
  auto it = entries_.find(device);
  if (it == entries_.end()) {
    Entry entry;
    if (!filter_.ignored(device)) entry.labels = render_labels({{"device", device}});
    it = entries_.emplace(std::string(device), std::move(entry)).first;
  }
  it->second.generation = generation_;
  return it->second.labels ? &*it->second.labels : nullptr;
}

void DeviceLabels::end_scrape() {
  std::erase_if(entries_, [this](const auto& entry) { return entry.second.generation != generation_; });
}

}  // namespace host_exporter::collectors
