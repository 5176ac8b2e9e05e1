#!/usr/bin/env bash
# Runs every Google Benchmark program of the release build (build/release/bench/hx_bench_*)
# and prints its results. `make bench` builds first, then calls this.
#   scripts/run-benchmarks.sh                                  each benchmark, >= 0.5 s
#   scripts/run-benchmarks.sh --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#   BENCH_DIR=build/h-metrics/bench scripts/run-benchmarks.sh  another build directory
# Extra arguments go to every program. The machine should be otherwise idle.
set -euo pipefail

cd "$(dirname "$0")/.."
bench_dir="${BENCH_DIR:-build/release/bench}"

programs=()
for program in "$bench_dir"/hx_bench_*; do
  [[ -f "$program" && -x "$program" ]] && programs+=("$program")
done
if [[ ${#programs[@]} -eq 0 ]]; then
  echo "run-benchmarks: no hx_bench_* programs in $bench_dir (build first: make build)" >&2
  exit 1
fi

# Google Benchmark 1.8 takes a unit ("0.5s"); 1.7 (Debian 12) takes plain seconds.
min_time_flag() {
  if "$1" --help 2>&1 | grep -q '<float>s'; then
    echo "--benchmark_min_time=0.5s"
  else
    echo "--benchmark_min_time=0.5"
  fi
}

status=0
for program in "${programs[@]}"; do
  echo "== $(basename "$program")"
  if ! "$program" "$(min_time_flag "$program")" "$@"; then
    echo "run-benchmarks: $(basename "$program") failed" >&2
    status=1
  fi
  echo
done
exit $status
