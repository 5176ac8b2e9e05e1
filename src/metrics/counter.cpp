#include "host_exporter/counter.hpp"

#include "host_exporter/portable_atomic.hpp"

#include <stdexcept>
#include <string>

namespace host_exporter {

void Counter::reject_amount(double amount) {
  throw std::invalid_argument("counter increment must be >= 0, got " + std::to_string(amount));
}

void Counter::inc_unowned(double amount) noexcept {
  const unsigned slot = detail::acquire_thread_slot();
  std::atomic<double>& cell = cells_[slot].value;
  if (slot < detail::kThreadSlots) {
    cell.store(cell.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
  } else {
    detail::atomic_add(cell, amount, std::memory_order_relaxed);  // shared by every thread without a slot
  }
}

double Counter::value() const {
  double total = 0.0;
  for (const Cell& cell : cells_) total += cell.value.load(std::memory_order_relaxed);
  return total;
}

}  // namespace host_exporter
