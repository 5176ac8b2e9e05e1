#pragma once
// The exposition formats we serve and how a scrape asks for them.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::exposition {

enum class Format { kText004, kOpenMetrics100 };

// The Content-Type header value for a format.
std::string_view content_type(Format format);

// Picks the format from an Accept header: the supported type with the highest
// q-value wins (q=0 refuses it); ties go to the earlier entry; no usable entry
// (or an empty header) means text 0.0.4, as Prometheus servers do.
Format negotiate_format(std::string_view accept_header);

// True when an Accept-Encoding header accepts gzip (honouring q=0).
bool accepts_gzip(std::string_view accept_encoding_header);

// Encodes families into `out` (appended). Families are written in the order
// given; a family with no series is skipped. OpenMetrics output ends in `# EOF`.
// Histogram buckets are trusted to be ascending (every producer guarantees it);
// the le="+Inf" bucket is always written, from the count, even when absent.
void encode(const std::vector<MetricFamily>& families, Format format, std::string& out);

class Sink;
// The same from a sink (names need not be unique here: the caller checks names_unique()).
void encode(const Sink& sink, Format format, std::string& out);

// Shortest text that parses back to the same double; +Inf, -Inf, NaN.
void append_double(std::string& out, double value);

}  // namespace host_exporter::exposition
