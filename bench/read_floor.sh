#!/usr/bin/env bash
# The read floor of a like-for-like scrape: starts host_exporter with the shared collector set of
# compare_node_exporter.sh --shared (the sampler asleep), scrapes it twice, then records one more
# scrape with strace: every file it reads (through a kept descriptor or not) and every mount it
# statfs's. bench/hx_bench_read_floor then preads those files (kept open) and statfs's those
# mounts in a loop: the CPU a scrape cannot go below without reading less.
#
#   bench/read_floor.sh [HOST_EXPORTER_BINARY] [FLOOR_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
binary=${1:-$root/build/release/src/cli/host_exporter}
floor=${2:-$root/build/release/bench/hx_bench_read_floor}
for tool in strace curl /usr/bin/python3; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }; done
[ -x "$binary" ] && [ -x "$floor" ] || { echo "not built: $binary or $floor" >&2; exit 2; }

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir "$work/textfile"
args=(--web.listen-address="127.0.0.1:$port" --sampler.interval=1h --log.level=warn --collector.disable-defaults
      "--collector.textfile.directory=$work/textfile")
for c in cpu diskstats filesystem hwmon loadavg meminfo netdev os pressure stat textfile time uname vmstat; do
  args+=("--collector.$c")
done
"$binary" "${args[@]}" & pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/metrics" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/metrics" >/dev/null
strace -f -y -qq -e trace=read,pread64,statfs,openat -o "$work/trace" -p "$pid" & tracer=$!
sleep 1
curl -sf "http://127.0.0.1:$port/metrics" >/dev/null
sleep 0.5
kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
# read(FD</path>, ...) and pread64(FD</path>, ...) of files; statfs("path", ...).
/usr/bin/python3 - "$work/trace" > "$work/list" <<'PY'
import re, sys
reads, mounts = [], []
for line in open(sys.argv[1]):
    m = re.search(r'\b(?:read|pread64)\(\d+<(/[^>]*)>', line)
    if m and not m.group(1).startswith(("/dev/", "socket:", "pipe:", "anon_inode:")) and m.group(1) not in reads:
        reads.append(m.group(1))
    m = re.search(r'\bstatfs\("([^"]*)"', line)
    if m and m.group(1) not in mounts:
        mounts.append(m.group(1))
for path in reads: print("read", path)
for path in mounts: print("statfs", path)
PY
echo "a scrape reads $(grep -c '^read' "$work/list") files and statfs's $(grep -c '^statfs' "$work/list") mounts:"
sed 's/^/  /' "$work/list"
"$floor" "$work/list" "${FLOOR_ITERATIONS:-20000}"
