#pragma once
// Durations written as Go's time.ParseDuration reads them ("5s", "500ms",
// "1m30s", "1.5h"), because node_exporter's duration flags take that form.

#include <chrono>
#include <optional>
#include <string_view>

namespace host_exporter::collectors {

// Units: ns, us (or µs), ms, s, m, h. A bare "0" is zero. Negative durations and
// anything else give nullopt.
std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text);

}  // namespace host_exporter::collectors
