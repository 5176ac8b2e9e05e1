// The metrics library's hot paths: counter increments, histogram observations,
// and, for comparison, the single shared atomic double that prometheus-cpp's
// Counter uses (a compare-exchange loop on one cache line).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "host_exporter/counter.hpp"
#include "host_exporter/gauge.hpp"
#include "host_exporter/histogram.hpp"
#include "host_exporter/registry.hpp"

namespace host_exporter {
namespace {

// Shared by every benchmark thread, so ->Threads(2) means two threads on ONE metric.
Counter g_counter;
std::atomic<double> g_shared_double{0.0};
Histogram g_histogram(exponential_buckets(0.0001, 2, 15));

// 4096 values spread over every bucket of exponential_buckets(0.0001, 2, 15)
// (0.0001 .. 1.6384 s) and beyond, in random order, so branch prediction cannot learn them.
const std::vector<double>& spread_values() {
  static const std::vector<double> values = [] {
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> exponent(-14.5, 1.5);
    std::vector<double> out(4096);
    for (double& v : out) v = std::exp2(exponent(rng));
    return out;
  }();
  return values;
}

void BM_CounterInc(benchmark::State& state) {
  for (auto _ : state) g_counter.inc();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CounterInc)->Threads(1)->Threads(2);

// What a single atomic<double> with fetch_add (a CAS loop) costs on this machine.
void BM_SharedAtomicDoubleInc(benchmark::State& state) {
  for (auto _ : state) g_shared_double.fetch_add(1.0, std::memory_order_relaxed);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SharedAtomicDoubleInc)->Threads(1)->Threads(2);

void BM_CounterIncThroughLabels(benchmark::State& state) {
  static Family<Counter> family("bench_requests_total", "Requests.", {"method", "code"});
  for (auto _ : state) family.labels({"GET", "200"}).inc();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CounterIncThroughLabels)->Threads(1)->Threads(2);

void BM_GaugeSet(benchmark::State& state) {
  Gauge gauge;
  double v = 0;
  for (auto _ : state) gauge.set(v += 1);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GaugeSet);

void BM_GaugeInc(benchmark::State& state) {
  Gauge gauge;
  for (auto _ : state) gauge.inc();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GaugeInc);

void BM_HistogramObserve(benchmark::State& state) {
  const std::vector<double>& values = spread_values();
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  for (auto _ : state) g_histogram.observe(values[i++ & 4095]);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HistogramObserve)->Threads(1)->Threads(2);

// The bucket search alone on the same spread values (15 bounds): ours (a branch-free
// binary search), a count of the bounds below the value, an early-exit linear scan,
// and std::lower_bound.
template <class Search>
void bucket_search(benchmark::State& state, Search search) {
  const std::vector<double> bounds = exponential_buckets(0.0001, 2, 15);
  const std::vector<double>& values = spread_values();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(search(bounds, values[i++ & 4095]));
}
void BM_BucketIndexBranchless(benchmark::State& state) {
  bucket_search(state, [](const std::vector<double>& b, double v) { return detail::bucket_index(b.data(), b.size(), v); });
}
void BM_BucketIndexCountBelow(benchmark::State& state) {
  bucket_search(state, [](const std::vector<double>& b, double v) {
    std::size_t index = 0;
    for (double bound : b) index += !(v <= bound);
    return index;
  });
}
void BM_BucketIndexEarlyExit(benchmark::State& state) {
  bucket_search(state, [](const std::vector<double>& b, double v) {
    std::size_t i = 0;
    while (i < b.size() && !(v <= b[i])) ++i;
    return i;
  });
}
void BM_BucketIndexLowerBound(benchmark::State& state) {
  bucket_search(state, [](const std::vector<double>& b, double v) {
    return static_cast<std::size_t>(std::lower_bound(b.begin(), b.end(), v) - b.begin());
  });
}
BENCHMARK(BM_BucketIndexBranchless);
BENCHMARK(BM_BucketIndexCountBelow);
BENCHMARK(BM_BucketIndexEarlyExit);
BENCHMARK(BM_BucketIndexLowerBound);

// A registry of 10 families x 10 series collected into MetricFamily values.
void BM_RegistryCollect(benchmark::State& state) {
  Registry registry;
  for (int f = 0; f < 10; ++f) {
    auto& family = registry.counter("bench_family_" + std::to_string(f) + "_total", "Help.", {"key"});
    for (int s = 0; s < 10; ++s) family.labels({std::to_string(s)}).inc();
  }
  for (auto _ : state) {
    std::vector<MetricFamily> out;
    registry.collect(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_RegistryCollect);

}  // namespace
}  // namespace host_exporter

BENCHMARK_MAIN();
