#pragma once
// A distribution of observed values (request durations, response sizes) in buckets
// with fixed upper bounds; +Inf is implicit.
//
// observe() is lock-free and allocates nothing: it finds the bucket, then bumps the
// calling thread's own bucket count and sum (see thread_slot.hpp). The count is not
// stored: snapshot() derives it from the bucket counts, so _count always equals the
// +Inf bucket. A snapshot taken during observations may see an observation's bucket
// without its sum (or the reverse); it is never torn inside one number.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "host_exporter/metric_family.hpp"
#include "host_exporter/portable_atomic.hpp"
#include "host_exporter/thread_slot.hpp"

namespace host_exporter {

// Prometheus' default bounds, for latencies in seconds: .005 .01 .025 .05 .1 .25 .5 1 2.5 5 10.
std::vector<double> default_buckets();
// `count` bounds: start, start + width, ... (width > 0, count >= 1).
std::vector<double> linear_buckets(double start, double width, int count);
// `count` bounds: start, start * factor, ... (start > 0, factor > 1, count >= 1).
std::vector<double> exponential_buckets(double start, double factor, int count);
// Throws std::invalid_argument unless the bounds are finite and strictly ascending.
void check_bucket_bounds(const std::vector<double>& upper_bounds);

namespace detail {
// Index of the bucket for `value`: the first bound >= value, or `count` (+Inf) when
// none is, NaN included. A binary search whose steps compile to conditional moves:
// values spread over the buckets would mispredict a data-dependent branch, and a
// count over every bound is a longer dependency chain (bench/README.md has both).
inline std::size_t bucket_index(const double* bounds, std::size_t count, double value) noexcept {
  const double* base = bounds;
  std::size_t n = count;  // the answer lies in [base, base + n]
  while (n > 1) {
    const std::size_t half = n / 2;
    base = !(value <= base[half - 1]) ? base + half : base;
    n -= half;
  }
  return static_cast<std::size_t>(base - bounds) + (n == 1 && !(value <= *base));
}
}  // namespace detail

class Histogram {
 public:
  struct Config {
    std::vector<double> upper_bounds = default_buckets();
  };

  // Bounds must be finite and strictly ascending, else std::invalid_argument.
  // An empty list gives a histogram with the +Inf bucket only (count and sum).
  explicit Histogram(std::vector<double> upper_bounds = default_buckets());
  explicit Histogram(const Config& config) : Histogram(config.upper_bounds) {}
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void observe(double value) {
    const std::size_t bucket = detail::bucket_index(bounds_.data(), bounds_.size(), value);
    const unsigned slot = static_cast<unsigned>(detail::tl_thread_slot);
    if (slot < detail::kThreadSlots) [[likely]] {
      // This thread is the only writer of its slot's words: plain load + store.
      std::atomic<std::uint64_t>& count = word(slot, bucket + 1);
      count.store(count.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      std::atomic<std::uint64_t>& sum = word(slot, 0);
      sum.store(add_to_bits(sum.load(std::memory_order_relaxed), value), std::memory_order_relaxed);
    } else {
      observe_unowned(bucket, value);
    }
  }

  // Cumulative buckets ending with +Inf, the sum, and the count (== the +Inf bucket).
  HistogramValue snapshot() const;

  // The finite upper bounds, ascending (without +Inf).
  const std::vector<double>& upper_bounds() const { return bounds_; }

 private:
  // Each slot owns whole cache lines of 64-bit words: word 0 holds the sum (the bits
  // of a double), word 1 + i the count of bucket i (bucket bounds_.size() is +Inf).
  static constexpr std::size_t kWordsPerLine = detail::kCacheLine / sizeof(std::uint64_t);
  struct alignas(detail::kCacheLine) Line {
    std::atomic<std::uint64_t> words[kWordsPerLine];
  };

  std::atomic<std::uint64_t>& word(unsigned slot, std::size_t index) const noexcept {
    return lines_[slot * lines_per_slot_ + index / kWordsPerLine].words[index % kWordsPerLine];
  }
  static std::uint64_t add_to_bits(std::uint64_t bits, double value) noexcept;
  void observe_unowned(std::size_t bucket, double value) noexcept;  // first use, or the overflow slot

  std::vector<double> bounds_;
  std::size_t lines_per_slot_ = 1;
  std::unique_ptr<Line[]> lines_;  // (kThreadSlots + 1) * lines_per_slot_; the last slot is overflow
};

inline std::uint64_t Histogram::add_to_bits(std::uint64_t bits, double value) noexcept {
  return detail::bit_cast<std::uint64_t>(detail::bit_cast<double>(bits) + value);
}

}  // namespace host_exporter
