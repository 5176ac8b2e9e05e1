// The public face of the encoder (host_exporter/exposition.hpp).
#include "host_exporter/exposition.hpp"

#include <vector>

#include "exposition/format.hpp"

namespace host_exporter {

namespace {

exposition::Format internal_format(ExpositionFormat format) {
  return format == ExpositionFormat::kOpenMetrics100 ? exposition::Format::kOpenMetrics100
                                                     : exposition::Format::kText004;
}

}  // namespace

std::string_view content_type(ExpositionFormat format) { return exposition::content_type(internal_format(format)); }

std::string encode(Collector& source, ExpositionFormat format) {
  std::vector<MetricFamily> families;
  source.collect(families);
  std::string body;
  exposition::encode(families, internal_format(format), body);
  return body;
}

}  // namespace host_exporter
