#pragma once
// The push API's store, Pushgateway-compatible: groups of metric families keyed
// by job and grouping labels, replaced by PUT, partly replaced by POST, removed
// by DELETE. A push is refused whole (nothing stored changes) when it does not
// parse, has sample timestamps, would give a metric name two types or a series
// twice across all groups, or exceeds a limit. Also a Collector: every stored
// series, plus push_time_seconds and push_failure_time_seconds per group.
//
// Beyond Pushgateway: groups expire after --push.ttl without a push; the store
// survives restarts through a persistence file written atomically, at most once
// per --push.persistence-interval (and on stop); body, series and group limits.
//
// Thread-safe: pushes parse without any lock, then check and apply under an
// exclusive lock; scrapes read under a shared lock, so each sees one state.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "host_exporter/collector.hpp"
#include "ingest/grouping_key.hpp"
#include "ingest/push_group.hpp"
#include "ingest/push_options.hpp"

namespace host_exporter::ingest {

enum class PushMethod { kPut, kPost };

enum class PushStatus {
  kStored,
  kInvalid,        // parse error, timestamps, type conflict, duplicate series (HTTP 400)
  kBodyTooLarge,   // over max_body_bytes (HTTP 413)
  kTooManySeries,  // the group would exceed max_series_per_group (HTTP 400)
  kTooManyGroups,  // a new group while max_groups are stored (HTTP 429)
  // Write-through persistence (interval 0) could not write the file: the change is
  // applied in memory but not durable, so the client is told to retry (HTTP 503).
  // Not returned with --push.accept-unpersisted (the failure is only counted).
  kNotPersisted,
};

struct PushResult {
  PushStatus status = PushStatus::kStored;
  std::string reason;  // one line, for the response body; empty when stored
};

class PushStore final : public Collector {
 public:
  // Loads the persistence file when there is one. A file that cannot be used
  // whole is logged, renamed to "<file>.corrupt-<unix seconds>", and the store starts empty.
  explicit PushStore(PushStoreOptions options);
  ~PushStore() override;  // stop()
  PushStore(const PushStore&) = delete;
  PushStore& operator=(const PushStore&) = delete;

  // `body` is text format 0.0.4. PUT replaces the group (an empty body leaves it
  // with no metrics but a new push_time_seconds); POST replaces only the
  // families it names. A refused push changes nothing but an existing group's
  // push_failure_time_seconds: it never creates a group.
  PushResult push(const GroupingKey& key, std::string_view body, PushMethod method);
  // Removes the group; a group that is not there is no error. kStored, or
  // kNotPersisted as for push.
  PushResult remove(const GroupingKey& key);

  void collect(std::vector<MetricFamily>& out) override;
  // Memory only: a push parses outside the lock and holds it only to swap its group in.
  bool reads_cannot_hang() const override { return true; }

  // GET /api/v1/metrics: {"status":"success","data":[group, ...]} in Pushgateway's shape.
  std::string api_metrics_json() const;

  std::size_t group_count() const;
  const PushLimits& limits() const { return options_.limits; }

  // Drops groups idle for longer than the TTL; returns how many.
  std::size_t expire();
  // Writes the persistence file when something changed since the last write.
  // Returns false when writing failed (logged and counted); true otherwise.
  bool flush();

  // A background thread that sleeps between its jobs: a TTL sweep (every
  // TTL/10, between 1 s and 1 min) and the coalesced persistence writes.
  void start();
  // Stops that thread and writes pending changes. Idempotent.
  void stop();

 private:
  struct Prepared;
  struct NameUse {
    MetricType type = MetricType::kUntyped;
    std::size_t groups = 0;  // how many groups hold a family of this name
  };

  TimePoint now() const;
  Prepared prepare(const GroupingKey& key, std::string_view body) const;
  PushResult check(const GroupingKey& key, const Prepared& prepared, PushMethod method) const;
  void apply(const GroupingKey& key, Prepared&& prepared, PushMethod method, TimePoint time);
  void record_failure(const GroupingKey& key, TimePoint time);
  bool expired(const PushGroup& group, TimePoint time) const;
  std::size_t expire_locked(TimePoint time);
  void erase_group(std::map<GroupingKey, PushGroup>::iterator it);
  void index_add(const MetricFamily& family);
  void index_remove(const std::string& name);
  // After a change: write-through, or wake the coalescing writer. The reason when a
  // write-through failed.
  std::optional<std::string> changed();
  PushResult persisted(PushResult result, const std::optional<std::string>& write_error) const;
  std::optional<std::string> write_pending();
  void collect_persistence_health(std::vector<MetricFamily>& out) const;
  void load();
  void add_loaded(std::vector<PushGroup> groups, std::vector<std::string>& skipped);
  void run_background();

  PushStoreOptions options_;

  mutable std::shared_mutex mutex_;  // guards groups_ and names_
  std::map<GroupingKey, PushGroup> groups_;
  std::unordered_map<std::string, NameUse> names_;
  std::atomic<std::uint64_t> generation_{0};  // bumped on every change

  std::mutex persist_mutex_;  // one writer of the file at a time
  std::uint64_t persisted_generation_ = 0;
  std::chrono::steady_clock::time_point last_persist_;
  std::atomic<std::uint64_t> persistence_failures_{0};
  std::atomic<bool> last_write_ok_{true};
  std::size_t groups_skipped_at_load_ = 0;  // set in the constructor only

  std::mutex background_mutex_;
  std::condition_variable background_wake_;
  bool background_stop_ = false;
  std::thread background_;
};

}  // namespace host_exporter::ingest
