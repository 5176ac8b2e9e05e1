#pragma once
// Go-style durations as node_exporter's flags take them: "2s", "500ms", "1m30s", "1.5h".

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::cli {

// Units: ns, us (or µs), ms, s, m, h. A bare "0" is zero. Sub-millisecond
// remainders are rounded to the nearest millisecond. Negative durations are refused.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest Go-style text for a duration: 2s, 500ms, 1m30s.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace host_exporter::cli
