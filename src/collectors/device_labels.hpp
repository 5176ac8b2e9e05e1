#pragma once
// Per device name: whether the filter keeps it and its rendered label text
// (`device="sda"`), worked out once and reused on every scrape. Entries for
// devices that disappear (container veth pairs come and go) are dropped at the
// end of the scrape that no longer saw them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "collectors/device_filter.hpp"

namespace host_exporter::collectors {

class DeviceLabels {
 public:
  explicit DeviceLabels(DeviceFilter filter) : filter_(std::move(filter)) {}

  void begin_scrape() { ++generation_; }
  // The label text for `device`, or nullptr when the filter drops it.
  const std::string* find(std::string_view device);
  void end_scrape();

 private:
  struct Entry {
    std::optional<std::string> labels;
    std::uint64_t generation = 0;
  };
  DeviceFilter filter_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::uint64_t generation_ = 0;
};

}  // namespace host_exporter::collectors
