#pragma once
// GET /api/v1/metrics in Pushgateway's shape, so that its users' scripts keep
// working: {"status":"success","data":[{"labels":{...},"last_push_successful":true,
// "<metric>":{"time_stamp":"<RFC 3339>","type":"GAUGE","help":"...",
// "metrics":[{"labels":{...},"value":"1.5"}]}, "push_time_seconds":{...}, ...}]}
// Values are strings formatted as Go's fmt.Sprint formats a float64.

#include <string>
#include <vector>

#include "ingest/push_group.hpp"

namespace host_exporter::ingest {

std::string render_api_metrics(const std::vector<const PushGroup*>& groups);

// Go's %v for a float64: shortest round-trip digits, exponent form below 1e-4
// and from 1e6 up ("1.5838723477166057e+09"), +Inf, -Inf, NaN.
std::string go_float_text(double value);

// RFC 3339 in UTC with nanoseconds, trailing zeros dropped (Go's RFC3339Nano).
std::string rfc3339_nano(TimePoint time);

}  // namespace host_exporter::ingest
