#pragma once
// What the push store keeps for one group: its families (series already carry
// the grouping labels) and the times Pushgateway reports per group.

#include <chrono>
#include <cstddef>
#include <map>
#include <string>

#include "host_exporter/metric_family.hpp"
#include "ingest/grouping_key.hpp"

namespace host_exporter::ingest {

using TimePoint = std::chrono::system_clock::time_point;

struct PushedFamily {
  MetricFamily family;
  TimePoint pushed_at{};
};

struct PushGroup {
  GroupingKey key;
  std::map<std::string, PushedFamily> families;  // by name; never the two timestamp gauges
  TimePoint push_time{};     // last accepted PUT/POST; the epoch when none yet
  TimePoint failure_time{};  // last refused PUT/POST; the epoch when none yet
  TimePoint last_request{};  // last PUT/POST, accepted or not: what --push.ttl counts from

  std::size_t series_count() const {
    std::size_t count = 0;
    for (const auto& [name, pushed] : families) count += pushed.family.series.size();
    return count;
  }
};

inline double to_unix_seconds(TimePoint time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

inline TimePoint from_unix_seconds(double seconds) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::duration<double>(seconds)));
}

}  // namespace host_exporter::ingest
