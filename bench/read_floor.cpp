// The read floor of a scrape: the CPU a loop costs that only makes the reads a scrape makes
// (floor_pass.hpp), nothing else. bench/read_floor.sh records the list from a real scrape.
//
//   hx_bench_read_floor LIST [ITERATIONS]
// Prints the CPU time (user + system, getrusage) per iteration in milliseconds.

#include <cstdio>
#include <cstdlib>

#include "floor_pass.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s LIST [ITERATIONS]\n", argv[0]);
    return 2;
  }
  const long iterations = argc > 2 ? std::atol(argv[2]) : 20000;
  host_exporter::bench::FloorPass pass;
  if (!pass.load(argv[1]) || iterations <= 0) return 2;
  long bytes = 0;
  const double start = host_exporter::bench::cpu_seconds();
  for (long i = 0; i < iterations; ++i) bytes += pass.run();
  const double elapsed = host_exporter::bench::cpu_seconds() - start;
  std::printf("files %zu, mounts %zu, %.1f KiB a pass, CPU %.4f ms per pass (%ld passes)\n", pass.files(),
              pass.mounts(), static_cast<double>(bytes) / static_cast<double>(iterations) / 1024.0,
              elapsed * 1000.0 / static_cast<double>(iterations), iterations);
  return 0;
}
