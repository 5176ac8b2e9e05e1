#pragma once
// The live page's memory: every sampler window, the host numbers of that window go into a ring of
// the last 15 minutes (450 windows at 2 s; bytes in docs/live.md). Each window gathers only the
// collectors the numbers come from (kHistoryCollectors), never the whole scrape. While a live page
// listens (the event feed is watched), the window gathers everything instead and publishes the
// snapshot as an event, so the page gets /metrics' numbers at each window and nobody else pays.

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "collectors/sampler.hpp"
#include "host_exporter/collector.hpp"
#include "live/host_numbers.hpp"
#include "live/snapshot_json.hpp"
#include "server/event_feed.hpp"

namespace host_exporter::live {

inline constexpr std::chrono::minutes kHistorySpan{15};

class HostHistory {
 public:
  explicit HostHistory(std::size_t capacity) : capacity_(capacity) {}

  void add(HostNumbers numbers);
  // /api/v1/history: the points oldest first, in columns (docs/live.md).
  std::string json(double interval_seconds) const;
  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }

 private:
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::vector<HostNumbers> ring_;
  std::size_t next_ = 0;  // where the next point goes once the ring is full
};

class LiveSampler final : public collectors::SampledSource {
 public:
  // `window`: the collectors of the host numbers; `everything`: what /metrics gathers.
  LiveSampler(std::shared_ptr<Collector> window, std::shared_ptr<Collector> everything,
              std::shared_ptr<SnapshotJson> snapshot, std::chrono::milliseconds interval);

  // Called by the sampler after every other source of the window.
  void take_sample(std::chrono::steady_clock::time_point now) override;

  const HostHistory& history() const { return history_; }
  std::shared_ptr<server::EventFeed> feed() const { return feed_; }

 private:
  std::shared_ptr<Collector> window_;
  std::shared_ptr<Collector> everything_;
  std::shared_ptr<SnapshotJson> snapshot_;
  std::shared_ptr<server::EventFeed> feed_ = std::make_shared<server::EventFeed>();
  HostHistory history_;
};

// Unix time now, in seconds.
double unix_seconds_now();

}  // namespace host_exporter::live
