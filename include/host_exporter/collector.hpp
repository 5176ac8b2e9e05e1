#pragma once
// A Collector produces metric families on demand, at scrape time.
// Host collectors, the client library's registry, the textfile directory and the
// push store all implement it, so one encoder serves every source.

#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter {

class Collector {
 public:
  virtual ~Collector() = default;

  // Appends this collector's families to `out`. Must be safe to call from several
  // scrapes at once. Throws only for a failure of the whole collector; the caller
  // turns that into node_scrape_collector_success 0 and keeps the scrape going.
  virtual void collect(std::vector<MetricFamily>& out) = 0;

  // True while collect() needs nothing that can block for long: it reads memory or local
  // kernel files (/proc, /sys, sysctl), no network filesystem, no lock held by slow work.
  // A server may then run the scrape on its event loop instead of handing it to a worker
  // thread. Must not block itself. The default, false, is always safe.
  virtual bool reads_cannot_hang() const { return false; }
};

}  // namespace host_exporter
