#pragma once
// What one remote-write destination has done since start, read by /metrics
// (remote_write_metrics.cpp) while the sender and the gatherer update it.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace host_exporter::remote_write {

// Upper bounds of host_exporter_remote_write_send_duration_seconds, as Prometheus' own.
inline constexpr std::array<double, 11> kSendDurationBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                               0.5,   1,    2.5,   5,    10};

struct SendDurations {
  std::array<std::uint64_t, kSendDurationBounds.size()> bucket_counts{};  // not cumulative
  std::uint64_t count = 0;
  double sum = 0;
};

class DestinationStats {
 public:
  std::atomic<std::uint64_t> samples_in{0};       // appended to the queue
  std::atomic<std::uint64_t> samples_sent{0};     // acknowledged with a 2xx
  std::atomic<std::uint64_t> bytes_sent{0};       // request bodies acknowledged (compressed, as on the wire)
  std::atomic<std::uint64_t> samples_failed{0};   // refused for good (4xx other than 429), dropped
  std::atomic<std::uint64_t> samples_retried{0};  // in attempts that failed and will be tried again
  std::atomic<std::int64_t> last_send_ms{0};      // wall clock of the last 2xx, 0 before the first

  // Every attempt that got an HTTP answer, whatever its status.
  void observe_send(std::chrono::duration<double> elapsed) {
    std::lock_guard lock(mutex_);
    std::size_t bucket = 0;
    while (bucket < kSendDurationBounds.size() && elapsed.count() > kSendDurationBounds[bucket]) ++bucket;
    if (bucket < kSendDurationBounds.size()) ++durations_.bucket_counts[bucket];
    ++durations_.count;
    durations_.sum += elapsed.count();
  }

  SendDurations durations() const {
    std::lock_guard lock(mutex_);
    return durations_;
  }

 private:
  mutable std::mutex mutex_;
  SendDurations durations_;
};

}  // namespace host_exporter::remote_write
