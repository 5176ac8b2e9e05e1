#pragma once
// The live page's RAG panel, from the rag_* metrics an application writes (textfile or push; names in
// docs/metrics.md, "The Python module's RAG metrics"): query rate, p50/p95 latency, error ratio by
// type, cache hit ratio and retrieval score. Rates and quantiles are taken over the last minute of
// readings (Grafana's rate(...[1m])); each snapshot adds one reading. Series of several applications
// (job, instance) are summed.

#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "live/family_view.hpp"

namespace host_exporter::live {

// Cumulative bucket counts by upper bound, summed over series.
using Buckets = std::map<double, double>;

// Prometheus's histogram_quantile over cumulative buckets (linear within a bucket); NaN without counts.
double bucket_quantile(double q, const Buckets& buckets);

class RagPanel {
 public:
  // The panel (docs/live.md), null when no rag_* family is present.
  nlohmann::ordered_json panel(const FamilyView& view, double now);

 private:
  struct Reading {
    double time = 0;
    double queries = 0;
    double errors = 0;
    std::map<std::string, double> errors_by_type;
    Buckets duration;
  };
  static Reading read(const FamilyView& view, double now);

  std::mutex mutex_;
  std::deque<Reading> recent_;  // the last minute, oldest first
};

}  // namespace host_exporter::live
