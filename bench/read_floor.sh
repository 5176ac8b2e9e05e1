#!/usr/bin/env bash
# The floors of a like-for-like scrape. It starts host_exporter with the shared collector set of
# compare_node_exporter.sh --shared (the sampler asleep), scrapes it twice, then records one more
# scrape with strace: every file it reads (through a kept descriptor or not), how many reads it
# makes of each, and every mount it statfs's. Then:
# - the read floor: bench/hx_bench_read_floor makes those reads (files kept open) and statfs's
#   those mounts in a loop: the CPU a scrape cannot go below without reading less;
# - the serving floor (skipped with SERVE_SECONDS=0): bench/hx_bench_serve_floor answers HTTP
#   requests on a kept-alive loopback connection with those reads and the recorded scrape's body,
#   under compare_node_exporter.sh's load (wrk -t1 -c1): the CPU and latency below which no
#   exporter serving that body goes on this machine, whatever its own code costs.
#
#   bench/read_floor.sh [HOST_EXPORTER_BINARY] [BENCH_BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
binary=${1:-$root/build/release/src/cli/host_exporter}
bench_dir=${2:-$root/build/release/bench}
floor=$bench_dir/hx_bench_read_floor
serve=$bench_dir/hx_bench_serve_floor
serve_seconds=${SERVE_SECONDS:-8}
for tool in strace curl wrk /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
for built in "$binary" "$floor" "$serve"; do [ -x "$built" ] || { echo "not built: $built" >&2; exit 2; }; done

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
source "$here/shared_set.sh"
port=$(free_port)
mkdir "$work/textfile"
args=(--web.listen-address="127.0.0.1:$port" --sampler.interval=1h --log.level=warn
      "--collector.textfile.directory=$work/textfile")
add_shared_collector_flags args
"$binary" "${args[@]}" & pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/metrics" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/metrics" >"$work/body"
strace -f -y -qq -e trace=read,pread64,statfs,openat -o "$work/trace" -p "$pid" & tracer=$!
sleep 1
curl -sf "http://127.0.0.1:$port/metrics" >/dev/null
sleep 0.5
kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true

# host_exporter stays up, asleep, while the floors read its /proc/PID files.
# read(FD</path>, ...) and pread64(FD</path>, ...) of files, counted; statfs("path", ...).
/usr/bin/python3 - "$work/trace" > "$work/list" <<'PY'
import re, sys
reads, mounts = {}, []
for line in open(sys.argv[1]):
    m = re.search(r'\b(?:read|pread64)\(\d+<(/[^>]*)>', line)
    if m and not m.group(1).startswith(("/dev/", "socket:", "pipe:", "anon_inode:")):
        reads[m.group(1)] = reads.get(m.group(1), 0) + 1
    m = re.search(r'\bstatfs\("([^"]*)"', line)
    if m and m.group(1) not in mounts:
        mounts.append(m.group(1))
for path, count in reads.items(): print("read", count, path)
for path in mounts: print("statfs", path)
PY
echo "a scrape reads $(grep -c '^read' "$work/list") files ($(awk '$1 == "read" { n += $2 } END { print n }' \
  "$work/list") reads) and statfs's $(grep -c '^statfs' "$work/list") mounts:"
sed 's/^/  /' "$work/list"
echo -n "read floor: "
"$floor" "$work/list" "${FLOOR_ITERATIONS:-20000}"
[ "$serve_seconds" = 0 ] && exit 0

serve_port=$(free_port)
"$serve" "$work/list" "$work/body" "$serve_port" > "$work/serve.out" & server=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$serve_port/metrics" && break; sleep 0.1; done
wrk -t1 -c1 -d"${serve_seconds}s" --latency "http://127.0.0.1:$serve_port/metrics" > "$work/wrk"
kill -TERM "$server"; wait "$server" 2>/dev/null || true
echo "serving floor ($(wc -c < "$work/body") bytes a response, wrk -t1 -c1 -d${serve_seconds}s):" \
  "$(cat "$work/serve.out")," \
  "p50 $(awk '$1 == "50%" { print $2 }' "$work/wrk"), p99 $(awk '$1 == "99%" { print $2 }' "$work/wrk")"
