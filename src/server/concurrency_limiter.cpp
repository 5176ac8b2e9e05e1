#include "server/concurrency_limiter.hpp"

namespace host_exporter::server {

std::optional<ConcurrencyLimiter::Permit> ConcurrencyLimiter::try_acquire() {
  std::size_t current = in_flight_.load(std::memory_order_relaxed);
  do {
    if (limit_ != 0 && current >= limit_) return std::nullopt;
  } while (!in_flight_.compare_exchange_weak(current, current + 1, std::memory_order_acq_rel));
  return Permit(this);
}

}  // namespace host_exporter::server
