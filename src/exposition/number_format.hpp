#pragma once
// Number renderings the encoders share beyond append_double (declared in format.hpp).

#include <cstdint>
#include <string>

namespace host_exporter::exposition {

void append_integer(std::string& out, std::int64_t value);

// OpenMetrics timestamps are seconds; our model keeps milliseconds. Rendered
// exactly from the integer ("1700000000.123", "-0.5", "12"), never via a double.
void append_milliseconds_as_seconds(std::string& out, std::int64_t milliseconds);

// OpenMetrics "canonical numbers" for le and quantile label values: like
// append_double, but an integral value keeps a decimal point ("1.0", "10.0").
void append_canonical_label_number(std::string& out, double value);

}  // namespace host_exporter::exposition
