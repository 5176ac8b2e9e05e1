#pragma once
// The push store's settings (the --push.* flags), apart from the store so the
// command line can hold them without pulling in the store.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "ingest/push_group.hpp"

namespace host_exporter::ingest {

struct PushLimits {
  std::size_t max_body_bytes = 4u << 20;      // --push.max-bytes
  std::size_t max_series_per_group = 10'000;  // --push.max-series-per-group (a histogram series counts once)
  std::size_t max_groups = 1'000;             // --push.max-groups
};

struct PushStoreOptions {
  PushLimits limits;
  std::chrono::milliseconds ttl{0};  // --push.ttl; 0 keeps groups for ever, as Pushgateway does
  std::string persistence_file;      // --push.persistence-file; empty: memory only
  // --push.persistence-interval: the shortest time between two writes; 0 writes
  // before each push or delete is answered.
  std::chrono::milliseconds persistence_interval = std::chrono::minutes(5);
  // --push.accept-unpersisted: answer a push that write-through persistence could not
  // write as stored (only host_exporter_push_persistence_failures_total tells).
  bool accept_unpersisted = false;
  std::function<TimePoint()> clock;  // empty: the system clock (tests inject one)
};

}  // namespace host_exporter::ingest
