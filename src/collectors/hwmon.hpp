#pragma once
// The hwmon collector and node_exporter's rules for naming a chip, exposed for tests.

#include <memory>
#include <string>
#include <string_view>

#include "collectors/host_collector.hpp"
#include "platform/linux/hwmon_reader.hpp"

namespace host_exporter::collectors {

// Lower case; anything but [a-z0-9:_] becomes '_'; leading and trailing '_' removed.
std::string clean_hwmon_name(std::string_view text);

// The chip label: "<parent>_<device>" of the resolved device link
// (e.g. "platform_coretemp_0"), else the name attribute, else "hwmonN".
std::string hwmon_chip_label(const platform::HwmonChip& chip);

std::unique_ptr<HostCollector> make_hwmon_collector(const platform::Roots& roots);

}  // namespace host_exporter::collectors
