#pragma once
// Both the textfile directory and the push API refuse samples that carry their
// own timestamp (as node_exporter and Pushgateway do): the scrape time is the
// only time these samples have.

#include <cstddef>
#include <string_view>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::ingest {

bool has_sample_timestamps(const std::vector<MetricFamily>& families);

// The 1-based line of the first sample with a timestamp in text the parser
// accepted; 0 when there is none. Used to name the line in error messages.
std::size_t first_timestamped_line(std::string_view text);

}  // namespace host_exporter::ingest
