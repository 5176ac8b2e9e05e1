#pragma once
// One gather of metric families as a remote-write 1.0 request body: a protobuf
// WriteRequest (remote_write.proto), snappy block compressed. What Prometheus
// would store from scraping the same /metrics: histograms and summaries become
// their _bucket{le}/quantile, _sum and _count series.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "host_exporter/metric_family.hpp"
#include "remote_write/family_selection.hpp"

namespace host_exporter::remote_write {

using LabelPairs = std::vector<std::pair<std::string, std::string>>;

struct EncodedBatch {
  std::string body;           // snappy-compressed WriteRequest, exactly what is POSTed
  std::uint32_t samples = 0;  // samples in it (one per series)
};

struct BatchSettings {
  const FamilySelection* selection = nullptr;  // null: every family
  LabelPairs external_labels;  // added to series that lack the label (a series' own label wins)
};

// Samples without their own timestamp get `timestamp_ms` (the gather's time).
EncodedBatch encode_batch(const std::vector<MetricFamily>& families, const BatchSettings& settings,
                          std::int64_t timestamp_ms);

// The protobuf bytes before compression (tests, bench).
std::string serialize_write_request(const std::vector<MetricFamily>& families, const BatchSettings& settings,
                                    std::int64_t timestamp_ms, std::uint32_t& samples);

std::string snappy_compress(const std::string& raw);

}  // namespace host_exporter::remote_write
