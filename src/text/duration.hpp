#pragma once
// Durations written as Go's time.ParseDuration reads them ("2s", "500ms",
// "1m30s", "1.5h"), because node_exporter's flags and Prometheus's API take
// that form. The one parser for every layer (flags, collectors, verify).

#include <chrono>
#include <optional>
#include <string_view>

namespace host_exporter::text {

// Units: ns, us (or µs), ms, s, m, h; numbers may have a fraction ("1.5h", ".5s").
// A bare "0" is zero. Signs, exponents, a missing unit, a value beyond
// ~292 years and anything else give nullopt.
std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text);

}  // namespace host_exporter::text
