#!/usr/bin/env bash
# Instructions and system calls a scrape, counted rather than timed (the same on a loaded machine):
# host_exporter serves the shared collector set of compare_node_exporter.sh --shared (the sampler
# asleep, an empty textfile directory) under callgrind; 300 curl scrapes are counted. Then, without
# valgrind, `strace -c -f` counts the system calls of 200 more. Each curl scrape opens a connection of
# its own, so the accept and close of it are in both counts.
# The event loop answers a scrape itself unless a scrape ran past its 20 ms budget in the last 30 s
# (server/inline_budget.hpp, kDemotion). callgrind's first instrumented scrapes do, so the counted ones
# start once that time is over and take the loop's path, as scrapes outside callgrind do; the script
# says if any went to the workers.
#
#   bench/instructions_per_scrape.sh [HOST_EXPORTER_BINARY]
#
# Prints: instructions a scrape (callgrind Ir, every thread) and system calls a scrape, by name.
# Keep the callgrind profile with KEEP=FILE, for callgrind_annotate.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
binary=${1:-$root/build/release/src/cli/host_exporter}
for tool in valgrind callgrind_control callgrind_annotate strace curl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[ -x "$binary" ] || { echo "not built: $binary" >&2; exit 2; }

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
mkdir "$work/textfile"
source "$here/shared_set.sh"
args=(--sampler.interval=1h --log.level=warn "--collector.textfile.directory=$work/textfile")
add_shared_collector_flags args
scrape() { for _ in $(seq "$1"); do curl -sf -o /dev/null "http://127.0.0.1:$port/metrics"; done; }
start() {  # start COMMAND...: runs it, waits for its first answer, warms it up
  port=$(free_port)
  "$@" "${args[@]}" --web.listen-address="127.0.0.1:$port" 2>"$work/log" & pid=$!
  for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$port/metrics" && break; sleep 0.2; done
  scrape 20
  sleep 2.5  # the textfile listing is reused from here on, as in a steady state
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

profile=${KEEP:-$work/callgrind.out}
start valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$profile" "$binary"
callgrind_control -i on "$pid" >/dev/null 2>&1
scrape 5  # instrumented for the first time: these run past the loop's budget
demotion=$(inline_demotion_seconds)
[ -n "$demotion" ] || { echo "cannot read kDemotion from src/server/inline_budget.hpp" >&2; exit 2; }
sleep $((demotion + 1))
callgrind_control --dump=before "$pid" >/dev/null 2>&1  # PROFILE.1, and the counts start again from 0
demoted() { grep -c "longer than the event loop's budget" "$work/log" || true; }
before=$(demoted)
scrape 300
callgrind_control --dump=counted "$pid" >/dev/null 2>&1  # PROFILE.2: the 300 scrapes alone
after=$(demoted)
stop
mv "$profile.2" "$profile"
rm -f "$profile.1"  # the warm-up
instructions=$(callgrind_annotate "$profile" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
echo "instructions a scrape: $((instructions / 300)) (callgrind, 300 scrapes)"
if [ "$after" != "$before" ]; then
  echo "  not all on the event loop: a scrape ran past the loop's budget under callgrind; the next 30 s went" \
    "to the workers"
fi

start "$binary"
strace -qq -c -f -o "$work/strace" -p "$pid" & tracer=$!
sleep 0.5
scrape 200
kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
stop
/usr/bin/python3 - "$work/strace" <<'PY'
import sys
calls = {}
for line in open(sys.argv[1]):
    fields = line.split()
    if len(fields) >= 5 and fields[-1].isidentifier() and fields[-1] != "total" and fields[3].isdigit():
        calls[fields[-1]] = int(fields[3]) / 200
total = sum(calls.values())
print(f"system calls a scrape: {total:.1f} (strace -c, 200 scrapes)")
print("  " + " ".join(f"{name} {count:.1f}" for name, count in sorted(calls.items(), key=lambda c: -c[1]) if count >= 0.5))
PY
