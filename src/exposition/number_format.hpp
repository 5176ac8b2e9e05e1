#pragma once
// Number renderings the encoders share beyond append_double (declared in format.hpp).

#include <cstddef>
#include <cstdint>
#include <string>

namespace host_exporter::exposition {

void append_integer(std::string& out, std::int64_t value);

// append_double's text written at `out`, which has room for kMaxDoubleText characters;
// returns the end of what it wrote.
inline constexpr std::size_t kMaxDoubleText = 32;
char* write_double(char* out, double value);

// OpenMetrics timestamps are seconds; our model keeps milliseconds. Rendered
// exactly from the integer ("1700000000.123", "-0.5", "12"), never via a double.
void append_milliseconds_as_seconds(std::string& out, std::int64_t milliseconds);

// OpenMetrics "canonical numbers" for le and quantile label values: like
// append_double, but an integral value keeps a decimal point ("1.0", "10.0").
void append_canonical_label_number(std::string& out, double value);

}  // namespace host_exporter::exposition
