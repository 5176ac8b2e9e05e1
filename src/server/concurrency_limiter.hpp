#pragma once
// Caps how many requests of one kind run at once (--web.max-requests for /metrics).
// A request that finds no free slot is refused at once rather than queued, so an
// overloaded exporter answers 503 quickly instead of piling up slow scrapes.

#include <atomic>
#include <cstddef>
#include <optional>

namespace host_exporter::server {

class ConcurrencyLimiter {
 public:
  // Releases its slot when destroyed.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : limiter_(other.limiter_) { other.limiter_ = nullptr; }
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() {
      if (limiter_ != nullptr) limiter_->release();
    }

   private:
    friend class ConcurrencyLimiter;
    explicit Permit(ConcurrencyLimiter* limiter) : limiter_(limiter) {}
    ConcurrencyLimiter* limiter_;
  };

  // limit 0 means no limit.
  explicit ConcurrencyLimiter(std::size_t limit) : limit_(limit) {}

  std::optional<Permit> try_acquire();

  std::size_t limit() const { return limit_; }
  std::size_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

 private:
  void release() { in_flight_.fetch_sub(1, std::memory_order_acq_rel); }

  const std::size_t limit_;
  std::atomic<std::size_t> in_flight_{0};
};

}  // namespace host_exporter::server
