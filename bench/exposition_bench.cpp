// The scrape's encoding cost: 1,000 series (10 families x 100 series, label text
// shaped like a host exporter's) in text 0.0.4 and OpenMetrics, and gzip of the
// result. Target: encoding 1,000 series in <= 100 us.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <vector>

#include "exposition/format.hpp"
#include "exposition/gzip.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter::exposition {
namespace {

constexpr int kFamilies = 10;
constexpr int kSeriesPerFamily = 100;

// Values with fractional parts and magnitudes like real readings (not small integers,
// which would flatter the number formatting).
double reading(int family, int series) {
  return 1234.5678 * (family + 1) + series * 0.173 + (series % 7) * 1e-3 + (family % 3) * 1e9;
}

std::vector<MetricFamily> host_like_families() {
  static const char* const kModes[] = {"idle", "user", "system", "iowait", "irq"};
  std::vector<MetricFamily> families;
  for (int f = 0; f < kFamilies; ++f) {
    MetricFamily family;
    const bool counter = f % 2 == 0;
    family.name = "hx_bench_family_" + std::to_string(f) + (counter ? "_seconds_total" : "_bytes");
    family.help = "A benchmark family shaped like node_cpu_seconds_total or node_filesystem_avail_bytes.";
    family.type = counter ? MetricType::kCounter : MetricType::kGauge;
    for (int s = 0; s < kSeriesPerFamily; ++s) {
      Series series;
      const std::string index = std::to_string(s);
      series.labels = counter ? render_labels({{"cpu", index}, {"mode", kModes[s % 5]}})
                              : render_labels({{"device", "/dev/nvme0n1p" + index},
                                               {"fstype", "ext4"},
                                               {"mountpoint", "/var/lib/docker/overlay2/" + index + "/merged"}});
      series.value = reading(f, s);
      family.series.push_back(std::move(series));
    }
    families.push_back(std::move(family));
  }
  return families;
}

void encode_benchmark(benchmark::State& state, Format format) {
  const std::vector<MetricFamily> families = host_like_families();
  std::string out;  // reused between iterations, as the server reuses it between scrapes
  for (auto _ : state) {
    out.clear();
    encode(families, format, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kFamilies * kSeriesPerFamily);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(out.size()));
  state.counters["body_bytes"] = static_cast<double>(out.size());
}

void BM_EncodeText1000Series(benchmark::State& state) { encode_benchmark(state, Format::kText004); }
void BM_EncodeOpenMetrics1000Series(benchmark::State& state) { encode_benchmark(state, Format::kOpenMetrics100); }

void BM_Gzip1000SeriesText(benchmark::State& state) {
  std::string body;
  encode(host_like_families(), Format::kText004, body);
  const int level = static_cast<int>(state.range(0));
  std::size_t compressed = 0;
  for (auto _ : state) {
    const std::string out = gzip_compress(body, level);
    compressed = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
  state.counters["body_bytes"] = static_cast<double>(body.size());
  state.counters["gzip_bytes"] = static_cast<double>(compressed);
}

BENCHMARK(BM_EncodeText1000Series)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EncodeOpenMetrics1000Series)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Gzip1000SeriesText)->Arg(1)->Arg(6)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace host_exporter::exposition

BENCHMARK_MAIN();
