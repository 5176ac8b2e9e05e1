#pragma once
// The wait between attempts to send a batch that failed for a reason that may pass
// (5xx, 429, no connection): doubling from `min` up to `max`, each wait drawn
// uniformly from its upper half so a fleet that lost its receiver together does not
// come back in step.

#include <chrono>
#include <random>

namespace host_exporter::remote_write {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max, unsigned seed = std::random_device{}())
      : min_(min), max_(max), next_(min), random_(seed) {}

  // The wait before the next attempt; the one after it is twice as long, up to max.
  std::chrono::milliseconds next() {
    const std::chrono::milliseconds ceiling = next_;
    next_ = std::min(next_ * 2, max_);
    std::uniform_int_distribution<long long> jitter(ceiling.count() / 2, ceiling.count());
    return std::chrono::milliseconds(jitter(random_));
  }

  void reset() { next_ = min_; }

 private:
  std::chrono::milliseconds min_, max_, next_;
  std::mt19937 random_;
};

}  // namespace host_exporter::remote_write
