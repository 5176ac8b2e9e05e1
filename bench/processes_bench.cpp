// CPU cost of one processes collection over ~1,000 live processes: the sampler's
// read of every /proc/[pid] (stat + descriptor count) and the grouping, then a
// scrape's copy into families. The children are idle (fork + pause) and killed at
// the end; they die with this program if it is interrupted (PR_SET_PDEATHSIG).
//
//   hx_bench_processes [--children=N] [google benchmark flags]
// "CPU" is this process's CPU time per collection (CLOCK_PROCESS_CPUTIME_ID).

#include <benchmark/benchmark.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "collectors/processes.hpp"

namespace {

using namespace host_exporter;

std::vector<pid_t> spawn_idle_children(int count) {
  std::vector<pid_t> children;
  children.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const pid_t pid = ::fork();
    if (pid < 0) break;
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      for (;;) ::pause();
    }
    children.push_back(pid);
  }
  return children;
}

void stop_children(const std::vector<pid_t>& children) {
  for (const pid_t pid : children) ::kill(pid, SIGKILL);
  for (const pid_t pid : children) ::waitpid(pid, nullptr, 0);
}

std::size_t live_processes() {
  platform::ProcessTableReader reader(platform::Roots{});
  std::vector<int> pids;
  reader.list_pids(pids);
  return pids.size();
}

void BM_ProcessesSample(benchmark::State& state) {
  collectors::ProcessSource source(platform::Roots{}, collectors::ProcessesOptions{});
  source.take_sample(std::chrono::steady_clock::now());
  for (auto _ : state) source.take_sample(std::chrono::steady_clock::now());
  state.counters["processes"] = static_cast<double>(live_processes());
}

// The same read with every group exported by name (--collector.processes.include=.*),
// so every process's descriptors are counted: what the default saves by counting
// only the exported groups' members.
void BM_ProcessesSampleCountingEveryFd(benchmark::State& state) {
  collectors::ProcessesOptions options;
  options.include = ".*";
  collectors::ProcessSource source(platform::Roots{}, options);
  source.take_sample(std::chrono::steady_clock::now());
  for (auto _ : state) source.take_sample(std::chrono::steady_clock::now());
  state.counters["processes"] = static_cast<double>(live_processes());
}

// The reader alone (every /proc/[pid]/stat, no descriptor counts, no grouping): the
// floor the rest of a collection adds to.
void BM_ProcessTableRead(benchmark::State& state) {
  platform::ProcessTableReader reader(platform::Roots{});
  platform::ProcessTable table;
  platform::ProcessReadOptions options;
  options.open_fds = false;
  reader.read(table, options);
  for (auto _ : state) {
    reader.read(table, options);
    benchmark::DoNotOptimize(table.processes.data());
  }
  state.counters["processes"] = static_cast<double>(table.processes.size());
}

void BM_ProcessesSampleAndScrape(benchmark::State& state) {
  auto source = std::make_shared<collectors::ProcessSource>(platform::Roots{}, collectors::ProcessesOptions{});
  collectors::ProcessesCollector collector(source, true);
  source->take_sample(std::chrono::steady_clock::now());
  std::vector<MetricFamily> families;
  for (auto _ : state) {
    source->take_sample(std::chrono::steady_clock::now());
    families.clear();
    collector.collect(families);
    benchmark::DoNotOptimize(families.data());
  }
  state.counters["processes"] = static_cast<double>(live_processes());
}

void BM_ProcessesScrapeOnly(benchmark::State& state) {
  auto source = std::make_shared<collectors::ProcessSource>(platform::Roots{}, collectors::ProcessesOptions{});
  collectors::ProcessesCollector collector(source, true);
  source->take_sample(std::chrono::steady_clock::now());
  std::vector<MetricFamily> families;
  for (auto _ : state) {
    families.clear();
    collector.collect(families);
    benchmark::DoNotOptimize(families.data());
  }
}

BENCHMARK(BM_ProcessesSample)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ProcessesSampleCountingEveryFd)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ProcessTableRead)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ProcessesSampleAndScrape)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ProcessesScrapeOnly)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  int children_wanted = 1000;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--children=", 11) == 0) {
      children_wanted = std::atoi(argv[i] + 11);
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  const auto children = spawn_idle_children(children_wanted);
  benchmark::AddCustomContext("idle_children", std::to_string(children.size()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  stop_children(children);
  return 0;
}
