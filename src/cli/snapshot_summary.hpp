#pragma once
// The human rendering of `host_exporter snapshot`: families grouped by subsystem,
// values with their units. A plain first version; it can be replaced whole.

#include <string>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::cli {

std::string render_snapshot_summary(const std::vector<MetricFamily>& families);

// "1.5 GiB" for bytes, "12.3%" for ratios, "2.5 s" for seconds, else the number.
std::string format_value(std::string_view metric_name, double value);

}  // namespace host_exporter::cli
