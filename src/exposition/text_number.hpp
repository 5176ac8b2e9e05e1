#pragma once
// Numbers as the text format writes them. Pushgateway and node_exporter's textfile
// collector read values with Go's strconv.ParseFloat (minus hex, 'p' and '_' forms)
// and timestamps with strconv.ParseInt; these accept exactly the same spellings.

#include <cstdint>
#include <optional>
#include <string_view>

namespace host_exporter::exposition {

// A sample value, `le` or `quantile`: decimal with optional sign, fraction and
// exponent (`1`, `-3e3`, `.5`, `5.`, `08`), or Inf/Infinity with optional sign, or
// NaN, in any letter case. Results too small for a double become (signed) zero;
// results too large are refused, as Go refuses them.
std::optional<double> parse_text_float(std::string_view text);

// A timestamp: optional sign and decimal digits that fit in int64.
std::optional<std::int64_t> parse_text_timestamp(std::string_view text);

}  // namespace host_exporter::exposition
