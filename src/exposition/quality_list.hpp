#pragma once
// HTTP lists with quality values (RFC 9110 §12.4.2), as in Accept and
// Accept-Encoding: `item *( ";" name "=" value )` separated by commas.

#include <cstddef>
#include <string_view>
#include <vector>

namespace host_exporter::exposition {

struct QualityParameter {
  std::string_view name;   // as written; compare case-insensitively
  std::string_view value;  // quotes removed (no unescaping: the values we compare never need it)
};

struct QualityItem {
  std::string_view value;  // "text/plain", "gzip", "*/*" ... as written
  std::vector<QualityParameter> parameters;  // without q
  double q = 1.0;
  std::size_t position = 0;  // index in the header, for ties

  // The parameter named `name` (case-insensitive), or nullptr.
  const QualityParameter* find(std::string_view name) const;
};

// Items in header order. An item whose q is malformed (not 0..1 with at most
// three decimals) is dropped; items with q=0 are kept (they refuse).
std::vector<QualityItem> parse_quality_list(std::string_view header);

bool equals_ignoring_case(std::string_view a, std::string_view b);

}  // namespace host_exporter::exposition
