#include "host_exporter/histogram.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace host_exporter {

void check_bucket_bounds(const std::vector<double>& bounds) {
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i])) {
      throw std::invalid_argument("histogram bucket bound " + std::to_string(i) +
                                  " is not finite (the +Inf bucket is implicit; leave it out)");
    }
    if (i > 0 && !(bounds[i - 1] < bounds[i])) {
      throw std::invalid_argument("histogram bucket bounds must be strictly ascending: bound " +
                                  std::to_string(i) + " (" + std::to_string(bounds[i]) +
                                  ") is not greater than bound " + std::to_string(i - 1) + " (" +
                                  std::to_string(bounds[i - 1]) + ")");
    }
  }
}

std::vector<double> default_buckets() { return {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}; }

std::vector<double> linear_buckets(double start, double width, int count) {
  if (count < 1) throw std::invalid_argument("linear_buckets needs count >= 1");
  if (!(width > 0) || !std::isfinite(start) || !std::isfinite(width)) {
    throw std::invalid_argument("linear_buckets needs a finite start and a finite width > 0");
  }
  std::vector<double> bounds;
  bounds.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) bounds.push_back(start + width * i);
  check_bucket_bounds(bounds);  // a width too small for start's precision repeats bounds
  return bounds;
}

std::vector<double> exponential_buckets(double start, double factor, int count) {
  if (count < 1) throw std::invalid_argument("exponential_buckets needs count >= 1");
  if (!(start > 0) || !(factor > 1) || !std::isfinite(start) || !std::isfinite(factor)) {
    throw std::invalid_argument("exponential_buckets needs a finite start > 0 and a finite factor > 1");
  }
  std::vector<double> bounds;
  bounds.reserve(static_cast<std::size_t>(count));
  double bound = start;
  for (int i = 0; i < count; ++i, bound *= factor) bounds.push_back(bound);
  check_bucket_bounds(bounds);  // a large count overflows to +Inf
  return bounds;
}

Histogram::Histogram(std::vector<double> upper_bounds) : bounds_(std::move(upper_bounds)) {
  check_bucket_bounds(bounds_);
  const std::size_t words = bounds_.size() + 2;  // sum, finite buckets, +Inf
  lines_per_slot_ = (words + kWordsPerLine - 1) / kWordsPerLine;
  lines_ = std::make_unique<Line[]>((detail::kThreadSlots + 1) * lines_per_slot_);
}

void Histogram::observe_unowned(std::size_t bucket, double value) noexcept {
  const unsigned slot = detail::acquire_thread_slot();
  std::atomic<std::uint64_t>& count = word(slot, bucket + 1);
  std::atomic<std::uint64_t>& sum = word(slot, 0);
  if (slot < detail::kThreadSlots) {
    count.store(count.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    sum.store(add_to_bits(sum.load(std::memory_order_relaxed), value), std::memory_order_relaxed);
    return;
  }
  // The overflow slot is shared by every thread without a slot of its own.
  count.fetch_add(1, std::memory_order_relaxed);
  std::uint64_t bits = sum.load(std::memory_order_relaxed);
  while (!sum.compare_exchange_weak(bits, add_to_bits(bits, value), std::memory_order_relaxed)) {
  }
}

HistogramValue Histogram::snapshot() const {
  HistogramValue out;
  out.buckets.reserve(bounds_.size() + 1);
  std::uint64_t cumulative = 0;
  for (std::size_t bucket = 0; bucket <= bounds_.size(); ++bucket) {
    for (unsigned slot = 0; slot <= detail::kThreadSlots; ++slot) {
      cumulative += word(slot, bucket + 1).load(std::memory_order_relaxed);
    }
    const double bound = bucket < bounds_.size() ? bounds_[bucket] : std::numeric_limits<double>::infinity();
    out.buckets.emplace_back(bound, static_cast<double>(cumulative));
  }
  for (unsigned slot = 0; slot <= detail::kThreadSlots; ++slot) {
    out.sum += detail::bit_cast<double>(word(slot, 0).load(std::memory_order_relaxed));
  }
  out.count = static_cast<double>(cumulative);
  return out;
}

}  // namespace host_exporter
