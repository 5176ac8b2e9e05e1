// What the live page costs beside a scrape, on this machine's /proc, with the collectors serve runs by
// default: one sampler window of the history when nobody has the page open (the charts' collectors
// only), one window while a page listens (the whole scrape gathered and one snapshot JSON built), and
// the peer, one /metrics scrape (gather and encode). "CPU" is the process's CPU time per operation.
// Also /api/v1/history's JSON of a full 15-minute ring (450 points, 8 cores), the endpoint's own work.
//
//   hx_bench_live --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
// (interleaved repetitions: the load of other programs falls on all three alike)

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>

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

// A full ring at the default 2 s window; numbers with many digits, as real ratios and rates have.
void fill(live::HostHistory& history) {
  for (std::size_t i = 0; i < history.capacity(); ++i) {
    const double x = static_cast<double>(i);
    live::HostNumbers n;
    n.time = 1.7e9 + 2.0 * x + 0.123456;
    n.cpu_ratio = 0.5 + 0.4 * std::sin(x * 0.1);
    n.load1 = n.load5 = n.load15 = 1.25;
    n.memory_total = 8.0 * (1u << 30);
    n.memory_used = n.memory_total * (0.3 + 0.001 * x);
    n.memory_available = n.memory_total - n.memory_used;
    n.memory_cached = n.memory_total * 0.2;
    n.memory_free = n.memory_available - n.memory_cached;
    n.swap_total = n.swap_used = 0;
    n.disk_read = 1e6 / (x + 3);
    n.disk_write = 3e5 / (x + 7);
    n.network_receive = 12345.678 * x;
    n.network_transmit = i == 0 ? std::nan("") : 987.65 * x;  // the first window of a rate: null
    for (int core = 0; core < 8; ++core) n.cores.push_back(static_cast<float>((core + 1) * 0.1 + 0.0001 * x));
    history.add(std::move(n));
  }
}

void BM_HistoryJson(benchmark::State& state) {
  live::HostHistory history(450);
  fill(history);
  for (auto _ : state) benchmark::DoNotOptimize(history.json(2));
}

BENCHMARK(BM_Scrape)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HistoryWindowNobodyWatching)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HistoryWindowWithAPageOpen)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HistoryJson)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
