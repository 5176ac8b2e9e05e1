#!/usr/bin/env bash
# host_exporter and Debian's node_exporter side by side on loopback, each with its default collectors,
# each driven in turn with the same load (wrk: one thread, one keep-alive connection, 10 s on /metrics).
# Prints per exporter: scrapes per second, p50 and p99 latency, CPU milliseconds per scrape (utime+stime
# of /proc/<pid>/stat before and after the run, divided by the requests wrk completed), resident memory
# (VmRSS after the run), body size, voluntary context switches a scrape (all threads), and the ratios
# node_exporter / host_exporter.
#
#   bench/compare_node_exporter.sh [--shared] [--duration SECONDS] [HOST_EXPORTER_BINARY]
#
# HOST_EXPORTER_BINARY defaults to the release preset's build (build/release/src/cli/host_exporter:
#   cmake --preset release && cmake --build --preset release --target host_exporter).
# --shared: both run only the collectors host_exporter implements (node_exporter's names), the like-for-like
#   comparison; without it each runs its own defaults, as a user would start it.
# node_exporter: $NODE_EXPORTER, else prometheus-node-exporter or node_exporter on PATH.
# Targets (bench/README.md): CPU per scrape and p50 at least 20x lower, resident memory at least 4x lower.
# Both processes are stopped on exit, whatever happens.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
duration=10
shared=0
binary="$root/build/release/src/cli/host_exporter"
while [ $# -gt 0 ]; do
  case "$1" in
    --shared) shared=1 ;;
    --duration) duration=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) binary=$1 ;;
  esac
  shift
done

node=${NODE_EXPORTER:-$(command -v prometheus-node-exporter || command -v node_exporter || true)}
for tool in wrk curl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[ -x "$binary" ] || { echo "not built: $binary" >&2; exit 2; }
[ -n "$node" ] || { echo "node_exporter not found (set NODE_EXPORTER)" >&2; exit 2; }

source "$here/shared_set.sh"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

host_args=()
node_args=()
if [ "$shared" = 1 ]; then
  add_shared_collector_flags host_args
  add_shared_collector_flags node_args
fi
mkdir -p "$work/textfile"  # both read the same empty textfile directory
host_args+=("--collector.textfile.directory=$work/textfile" --log.level=warn)
node_args+=("--collector.textfile.directory=$work/textfile" --log.level=warn)

start() {  # start NAME BINARY ARGS...: runs it on a free port; sets $port and $pid
  local name=$1; shift
  for _ in 1 2 3; do
    port=$(free_port)
    "$@" --web.listen-address="127.0.0.1:$port" 2>"$work/$name.log" &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 1 100); do
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics" 2>/dev/null; then return 0; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
  done
  echo "$name did not start:" >&2; cat "$work/$name.log" >&2; exit 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # utime + stime (comm has no spaces here)
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# Voluntary context switches of every thread: each is a sleep and a wake-up, the part of a scrape's CPU
# that a loaded machine inflates most, counted exactly.
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches:/ { n += $2 } END { print n + 0 }'; }
to_ms() {  # wrk's "1.23ms" / "456.00us" / "1.02s" -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

clk_tck=$(getconf CLK_TCK)
declare -A result

measure() {  # measure NAME PID PORT
  local name=$1 pid=$2 port=$3
  local url="http://127.0.0.1:$port/metrics"
  for _ in 1 2 3 4 5; do curl -fsS -o /dev/null "$url"; done  # warm: caches, first-sample paths
  local body
  body=$(curl -fsS "$url" | wc -c)
  local before after out switched
  before=$(cpu_ticks "$pid")
  switched=$(switches "$pid")
  out=$(wrk -t1 -c1 -d"${duration}s" --latency "$url")
  after=$(cpu_ticks "$pid")
  switched=$(( $(switches "$pid") - switched ))
  echo "$out" > "$work/$name.wrk"
  local requests rps p50 p99
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  rps=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  result[$name.rps]=$rps
  result[$name.p50]=$p50
  result[$name.p99]=$p99
  result[$name.cpu]=$(awk -v t=$((after - before)) -v hz="$clk_tck" -v n="$requests" 'BEGIN { printf "%.4f", t * 1000 / hz / n }')
  result[$name.rss]=$(rss_kib "$pid")
  result[$name.switches]=$(awk -v s="$switched" -v n="$requests" 'BEGIN { printf "%.2f", s / n }')
  result[$name.body]=$body
  result[$name.requests]=$requests
}

start host_exporter "$binary" "${host_args[@]}"; host_pid=$pid; host_port=$port
start node_exporter "$node" "${node_args[@]}"; node_pid=$pid; node_port=$port

echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "host_exporter: $binary ($("$binary" --version 2>&1 | head -1))"
echo "node_exporter: $node ($("$node" --version 2>&1 | head -1))"
echo "collectors: $([ "$shared" = 1 ] && echo "shared set only: $shared_collectors" || echo "each exporter's defaults")"
echo "load: wrk -t1 -c1 -d${duration}s --latency (one keep-alive connection, no gzip), one exporter at a time"

measure node_exporter "$node_pid" "$node_port"
measure host_exporter "$host_pid" "$host_port"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

printf '%-14s %12s %10s %10s %14s %12s %12s %14s\n' exporter scrapes/s "p50 ms" "p99 ms" "CPU ms/scrape" "RSS MiB" \
  "body KiB" "switches/scrape"
for name in node_exporter host_exporter; do
  printf '%-14s %12s %10s %10s %14s %12s %12s %14s\n' "$name" "${result[$name.rps]}" "${result[$name.p50]}" \
    "${result[$name.p99]}" "${result[$name.cpu]}" \
    "$(awk -v k="${result[$name.rss]}" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$(awk -v b="${result[$name.body]}" 'BEGIN { printf "%.1f", b / 1024 }')" "${result[$name.switches]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }
printf '%-14s %12s %10s %10s %14s %12s %12s\n' "node / host" \
  "$(ratio "${result[host_exporter.rps]}" "${result[node_exporter.rps]}")" \
  "$(ratio "${result[node_exporter.p50]}" "${result[host_exporter.p50]}")" \
  "$(ratio "${result[node_exporter.p99]}" "${result[host_exporter.p99]}")" \
  "$(ratio "${result[node_exporter.cpu]}" "${result[host_exporter.cpu]}")" \
  "$(ratio "${result[node_exporter.rss]}" "${result[host_exporter.rss]}")" \
  "$(ratio "${result[node_exporter.body]}" "${result[host_exporter.body]}")"
echo "(scrapes/s ratio is host / node; the others are node / host: higher is better for host_exporter)"
