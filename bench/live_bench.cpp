// What the live page costs beside a scrape, on this machine's /proc, with the collectors serve runs by
// default: one sampler window of the history when nobody has the page open (the charts' collectors
// only), one window while a page listens (the whole scrape gathered and one snapshot JSON built), and
// the peer, one /metrics scrape (gather and encode). "CPU" is the process's CPU time per operation.
//
//   hx_bench_live --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
// (interleaved repetitions: the load of other programs falls on all three alike)

#include <benchmark/benchmark.h>

#include <chrono>

#include "cli/metric_sources.hpp"
#include "cli/options.hpp"
#include "collectors/builtin.hpp"
#include "live/live_routes.hpp"

namespace {

using namespace host_exporter;
using namespace std::chrono_literals;

struct Served {
  Served() {
    const auto parsed = cli::parse_options({}, collectors::builtin_collectors());
    cli::add_metric_sources(*parsed.options, sampler, *endpoint);
    live = live::make_live_page(endpoint, {2, "bench", ""}, 2000ms);
    sampler.add(live.sampler);
    sampler.sample_now();  // two windows: every rate has a value
    sampler.sample_now();
  }
  collectors::Sampler sampler{2000ms};
  std::shared_ptr<server::MetricsEndpoint> endpoint = std::make_shared<server::MetricsEndpoint>();
  live::LivePage live;
};

Served& served() {
  static Served instance;
  return instance;
}

void BM_Scrape(benchmark::State& state) {
  auto& s = served();
  for (auto _ : state) benchmark::DoNotOptimize(s.endpoint->render("", "identity"));
}

void BM_HistoryWindowNobodyWatching(benchmark::State& state) {
  auto& s = served();
  for (auto _ : state) s.live.sampler->take_sample(std::chrono::steady_clock::now());
}

void BM_HistoryWindowWithAPageOpen(benchmark::State& state) {
  auto& s = served();
  const auto listener = s.live.sampler->feed()->listen([] {});
  for (auto _ : state) s.live.sampler->take_sample(std::chrono::steady_clock::now());
  s.live.sampler->feed()->unlisten(listener);
}

BENCHMARK(BM_Scrape)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HistoryWindowNobodyWatching)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HistoryWindowWithAPageOpen)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
