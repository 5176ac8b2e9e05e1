#pragma once
// A monotonically increasing count (requests served, bytes sent).
//
// inc() is lock-free and contention-free: each thread adds into its own cache-line
// cell (see thread_slot.hpp), and value() sums the cells. It allocates nothing.
// The name of a counter family ends in _total (the registry enforces it).

#include <array>
#include <atomic>

#include "host_exporter/thread_slot.hpp"

namespace host_exporter {

class Counter {
 public:
  struct Config {};  // nothing to configure; lets Family<T> build every type alike

  Counter() = default;
  explicit Counter(const Config& /*config*/) {}
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  // Adds `amount`, which must be >= 0 (+Inf allowed). A negative or NaN amount
  // throws std::invalid_argument and leaves the counter unchanged: a counter that
  // goes down is read by Prometheus as a restart, so it is a bug worth surfacing.
  void inc(double amount = 1.0) {
    if (!(amount >= 0.0)) [[unlikely]] reject_amount(amount);
    const unsigned slot = static_cast<unsigned>(detail::tl_thread_slot);
    if (slot < detail::kThreadSlots) [[likely]] {
      // This thread is the only writer of this cell: no read-modify-write needed.
      std::atomic<double>& cell = cells_[slot].value;
      cell.store(cell.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
    } else {
      inc_unowned(amount);
    }
  }

  // The sum of every thread's increments so far.
  double value() const;

 private:
  struct alignas(detail::kCacheLine) Cell {
    std::atomic<double> value{0.0};
  };

  [[noreturn]] static void reject_amount(double amount);
  void inc_unowned(double amount) noexcept;  // first use by a thread, or the overflow cell

  std::array<Cell, detail::kThreadSlots + 1> cells_{};  // the last one is the overflow cell
};

}  // namespace host_exporter
