#pragma once
// The sampler takes readings every --sampler.interval (default 2 s, btop's refresh)
// in one background thread, so that ratios and rates (btop's CPU %, bytes per
// second) are computed over a real window instead of "since the last scrape".
// Counters and instantaneous values are not sampled: collectors read those fresh.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace host_exporter::collectors {

// Something that keeps the previous reading and computes its window values.
class SampledSource {
 public:
  virtual ~SampledSource() = default;
  // Called from the sampler thread (or from sample_now); must be thread-safe
  // against the collector reading the window's results.
  virtual void take_sample(std::chrono::steady_clock::time_point now) = 0;
};

class Sampler {
 public:
  explicit Sampler(std::chrono::milliseconds interval);
  ~Sampler();  // stops the thread
  Sampler(const Sampler&) = delete;
  Sampler& operator=(const Sampler&) = delete;

  void add(std::shared_ptr<SampledSource> source);

  // Starts the background thread; it samples immediately, then every interval.
  void start();
  // Stops and joins; wakes the thread at once. Idempotent.
  void stop();
  // Takes one sample of every source now, on the calling thread (snapshot, tests).
  void sample_now();

  std::chrono::milliseconds interval() const { return interval_; }

 private:
  void run();

  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<std::shared_ptr<SampledSource>> sources_;
  std::thread thread_;
};

}  // namespace host_exporter::collectors
