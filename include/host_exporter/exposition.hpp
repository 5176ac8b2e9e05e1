#pragma once
// Encoding a source's metrics as Prometheus text, for an application that serves or stores
// them its own way (the core library; Exposer, Pusher and write_textfile use the same encoder).
//
//   std::string body = host_exporter::encode(host_exporter::default_registry());
//   response.set_header("Content-Type", host_exporter::content_type(ExpositionFormat::kText004));

#include <string>
#include <string_view>

#include "host_exporter/collector.hpp"

namespace host_exporter {

enum class ExpositionFormat {
  kText004,         // text/plain; version=0.0.4: what every Prometheus scrapes
  kOpenMetrics100,  // application/openmetrics-text; version=1.0.0: adds counters' _created, ends in # EOF
};

// The Content-Type header value for `format`.
std::string_view content_type(ExpositionFormat format);

// Gathers `source` now and encodes its families (uncompressed). Throws what source.collect() throws.
std::string encode(Collector& source, ExpositionFormat format = ExpositionFormat::kText004);

}  // namespace host_exporter
