#pragma once
// Per device name: whether the filter keeps it, its rendered label text
// (`device="sda"`) and what the collector keeps beside it (State: a kept-open
// counter file, udev's labels), worked out once and reused on every scrape.
// Entries for devices that disappear (container veth pairs come and go) are
// dropped at the end of the scrape that no longer saw them.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "collectors/device_filter.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter::collectors {

struct NoDeviceState {};

template <typename State = NoDeviceState>
class DeviceLabels {
 public:
  struct Device {
    std::string labels;
    State state{};
  };

  explicit DeviceLabels(DeviceFilter filter) : filter_(std::move(filter)) {}

  void begin_scrape() {
    ++generation_;
    seen_ = 0;
    added_ = false;
  }
  // The device's entry, or nullptr when the filter drops it.
  Device* find(std::string_view device) {
    auto it = entries_.find(device);
    if (it == entries_.end()) {
      Entry entry;
      entry.kept = !filter_.ignored(device);
      if (entry.kept) entry.device.labels = render_labels({{"device", device}});
      it = entries_.emplace(std::string(device), std::move(entry)).first;
      added_ = true;
    }
    if (it->second.generation != generation_) {
      it->second.generation = generation_;
      ++seen_;
    }
    return it->second.kept ? &it->second.device : nullptr;
  }
  // Whether the devices looked up so far in this scrape differ from the previous
  // scrape's: one is new, or one of the previous scrape's was not looked up.
  bool changed() const { return added_ || seen_ != entries_.size(); }
  void end_scrape() {
    std::erase_if(entries_, [this](const auto& entry) { return entry.second.generation != generation_; });
  }

 private:
  struct Entry {
    Device device;
    bool kept = false;
    std::uint64_t generation = 0;
  };
  DeviceFilter filter_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::uint64_t generation_ = 0;
  std::size_t seen_ = 0;
  bool added_ = false;
};

}  // namespace host_exporter::collectors
