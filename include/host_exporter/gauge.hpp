#pragma once
// A value that goes up and down (queue length, temperature, in-flight requests).
//
// One atomic double: set() is a store, inc()/dec() a compare-exchange loop. Gauges
// are set far less often than counters are bumped, so they do without striping.

#include <atomic>

#include "host_exporter/portable_atomic.hpp"

namespace host_exporter {

class Gauge {
 public:
  struct Config {};  // nothing to configure; lets Family<T> build every type alike

  Gauge() = default;
  explicit Gauge(const Config& /*config*/) {}
  Gauge(const Gauge&) = delete;
  Gauge& operator=(const Gauge&) = delete;

  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  void inc(double amount = 1.0) { detail::atomic_add(value_, amount, std::memory_order_relaxed); }
  void dec(double amount = 1.0) { detail::atomic_add(value_, -amount, std::memory_order_relaxed); }

  // Seconds since the Unix epoch, with sub-second precision (e.g. a last-success time).
  void set_to_current_time();

  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

}  // namespace host_exporter
