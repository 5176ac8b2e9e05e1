#pragma once
// Family descriptors whose text is made at run time (node_memory_<Field>, node_vmstat_<field>:
// names from a file's field names). Each name is made once and kept, at a fixed address, for
// the collector's life: a sink may still point at it after the collector returned, and the
// field list only changes with the kernel, so the store stays small.

#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "exposition/sink.hpp"

namespace host_exporter::collectors {

class OwnedDescriptors {
 public:
  // The descriptor for `name`, made (with `help`) the first time; not thread-safe.
  const exposition::FamilyDescriptor& get(const std::string& name, std::string help, MetricType type) {
    const auto found = by_name_.find(name);
    if (found != by_name_.end()) return *found->second;
    Owned& owned = owned_.emplace_back();
    owned.name = name;
    owned.help = std::move(help);
    owned.descriptor = {owned.name, owned.help, type, {}};
    by_name_.emplace(name, &owned.descriptor);
    return owned.descriptor;
  }

 private:
  struct Owned {
    std::string name;
    std::string help;
    exposition::FamilyDescriptor descriptor;
  };
  std::deque<Owned> owned_;  // a deque never moves its elements
  std::map<std::string, const exposition::FamilyDescriptor*, std::less<>> by_name_;
};

}  // namespace host_exporter::collectors
