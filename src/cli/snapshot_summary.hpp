#pragma once
// The human rendering of `host_exporter snapshot`: btop's view of the host in a
// compact layout, built only from the families one scrape gathered. A header
// (host, kernel, uptime, which machine is measured), CPU total and per core, load,
// btop's memory boxes and swap, filesystems, the busiest disks and interfaces.
// A section whose families are missing (its collector is off) is left out.

#include <string>
#include <string_view>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::cli {

struct SummaryStyle {
  bool color = false;            // ANSI colours (the caller decides: a TTY, no --no-color, no NO_COLOR)
  std::size_t busiest_rows = 5;  // disks and interfaces shown
};

std::string render_snapshot_summary(const std::vector<MetricFamily>& families, const SummaryStyle& style = {});

// "1.5 GiB" for bytes, "12.5%" for ratios, "2.5 s" for seconds, else the number.
std::string format_value(std::string_view metric_name, double value);

}  // namespace host_exporter::cli
