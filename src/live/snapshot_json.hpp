#pragma once
// /api/v1/snapshot and the live page's events: everything the page shows at one instant, as JSON
// (fields in docs/live.md), built from one gathered scrape so the numbers are /metrics' numbers.

#include <string>
#include <vector>

#include "host_exporter/metric_family.hpp"
#include "live/rag_panel.hpp"

namespace host_exporter::live {

struct LiveContext {
  double interval_seconds = 2;  // --sampler.interval
  std::string version;
  std::string not_the_host;     // doctor's explanation and fix when we do not measure the host, else ""
};

class SnapshotJson {
 public:
  explicit SnapshotJson(LiveContext context) : context_(std::move(context)) {}

  std::string build(const std::vector<MetricFamily>& families, double now);
  const LiveContext& context() const { return context_; }

 private:
  LiveContext context_;
  RagPanel rag_;
};

}  // namespace host_exporter::live
