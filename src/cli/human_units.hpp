#pragma once
// Numbers for people, shared by the human outputs of the CLI (snapshot's summary,
// snapshot --processes): sizes in binary units as btop prints them, rates,
// percentages, spans of time and small text meters.

#include <cstddef>
#include <string>

namespace host_exporter::cli {

// "512 B", "1.5 KiB", "23.5 GiB": one decimal above bytes.
std::string human_bytes(double bytes);

// human_bytes + "/s".
std::string human_rate(double bytes_per_second);

// A ratio (0..1) as btop shows a percentage: a whole number ("37%"). With
// `decimals`, one decimal ("37.4%") where a whole number would hide a change.
std::string human_percent(double ratio, bool decimals = false);

// "3d 4h", "2h 5m", "51m", "42s": the two largest units.
std::string human_span(double seconds);

// A meter of `width` cells for a ratio (0..1): "[#####     ]".
std::string text_meter(double ratio, std::size_t width);

}  // namespace host_exporter::cli
