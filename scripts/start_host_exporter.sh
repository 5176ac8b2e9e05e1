#!/usr/bin/env bash
# Runs host_exporter in the background for the current user (macOS and Linux), without a service manager.
#
#   scripts/start_host_exporter.sh [start] [-- extra host_exporter flags]   start unless already running (default)
#   scripts/start_host_exporter.sh stop                                     SIGTERM, then wait for it to exit
#   scripts/start_host_exporter.sh status                                   exit 0 running, 3 not running
#
# Idempotent: `start` when it is already running (or something already answers on the address) changes nothing.
# For a service that survives logout and reboot use brew services, launchd or systemd (docs/deployment.md).
#
# Environment:
#   HOST_EXPORTER_BIN             the binary (else host_exporter on PATH, else build/release/src/cli/host_exporter)
#   HOST_EXPORTER_LISTEN          listen address, default 127.0.0.1:9101
#   HOST_EXPORTER_ARGS            more flags, split on spaces (e.g. "--log.level=debug")
#   HOST_EXPORTER_STATE_DIR       pid file, log and push persistence file; default
#                                 ~/Library/Application Support/host_exporter (macOS),
#                                 ${XDG_STATE_HOME:-~/.local/state}/host_exporter (elsewhere)
#   HOST_EXPORTER_PUSH_TTL        how long a pushed group is kept after its last push (--push.ttl), default 24h, so
#                                 that a test push or an application that stopped pushing leaves the dashboards;
#                                 0 keeps groups for ever (Pushgateway's rule). A --push.ttl flag wins.
#   HOST_EXPORTER_READY_TIMEOUT   seconds to wait for /-/ready (default 20)
#   HOST_EXPORTER_STOP_TIMEOUT    seconds to wait for the process to exit after SIGTERM (default 15)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$script_dir")

listen=${HOST_EXPORTER_LISTEN:-127.0.0.1:9101}
ready_timeout=${HOST_EXPORTER_READY_TIMEOUT:-20}
stop_timeout=${HOST_EXPORTER_STOP_TIMEOUT:-15}
push_ttl=${HOST_EXPORTER_PUSH_TTL:-24h}

if [[ -n "${HOST_EXPORTER_STATE_DIR:-}" ]]; then
  state_dir=$HOST_EXPORTER_STATE_DIR
elif [[ "$(uname -s)" == Darwin ]]; then
  state_dir="$HOME/Library/Application Support/host_exporter"
else
  state_dir="${XDG_STATE_HOME:-$HOME/.local/state}/host_exporter"
fi
pid_file="$state_dir/host_exporter.pid"
log_file="$state_dir/host_exporter.log"

say() { printf 'start_host_exporter: %s\n' "$*"; }
fail() { printf 'start_host_exporter: %s\n' "$*" >&2; exit 1; }

# host:port to connect to for the listen address (":9101" and "0.0.0.0:9101" are reached on loopback).
probe_host() {
  local host=${listen%:*}
  host=${host#[}; host=${host%]}
  case "$host" in ""|0.0.0.0) echo 127.0.0.1 ;; ::) echo ::1 ;; *) echo "$host" ;; esac
}
probe_port() { echo "${listen##*:}"; }
base_url() {
  local host
  host=$(probe_host)
  [[ "$host" == *:* ]] && host="[$host]"
  echo "http://$host:$(probe_port)"
}

# True when GET /-/ready answers 200 (curl, else bash's /dev/tcp).
is_ready() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 2 -o /dev/null "$(base_url)/-/ready" 2>/dev/null
    return
  fi
  local host port status_line
  host=$(probe_host); port=$(probe_port)
  # A subshell, so the descriptor closes with it; loopback connects or is refused at once, and read is bounded.
  status_line=$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/$host/$port" || exit 1
    printf 'GET /-/ready HTTP/1.0\r\nHost: %s:%s\r\n\r\n' "$host" "$port" >&3
    IFS= read -r -t 2 line <&3 && printf '%s' "$line"
  ) || return 1
  [[ "$status_line" == HTTP/1.[01]\ 200* ]]
}

# The pid of the host_exporter this script started, if it is still running; removes a stale pid file.
running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid command
  pid=$(tr -dc '0-9' <"$pid_file")
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    command=$(ps -p "$pid" -o comm= 2>/dev/null || true)
    if [[ "$command" == *host_exporter* ]]; then
      echo "$pid"
      return 0
    fi
  fi
  rm -f "$pid_file"  # the process is gone, or the pid now belongs to something else
  return 1
}

find_binary() {
  if [[ -n "${HOST_EXPORTER_BIN:-}" ]]; then
    [[ -x "$HOST_EXPORTER_BIN" ]] || fail "HOST_EXPORTER_BIN=$HOST_EXPORTER_BIN is not an executable file"
    echo "$HOST_EXPORTER_BIN"
  elif command -v host_exporter >/dev/null 2>&1; then
    command -v host_exporter
  elif [[ -x "$repo_root/build/release/src/cli/host_exporter" ]]; then
    echo "$repo_root/build/release/src/cli/host_exporter"
  else
    fail "no host_exporter binary: set HOST_EXPORTER_BIN, put it on PATH, or build it (make run, or cmake --preset release)"
  fi
}

start() {
  local pid
  if pid=$(running_pid); then
    say "already running (pid $pid): $(base_url)/metrics"
    return 0
  fi
  if is_ready; then
    say "something already answers at $(base_url) (not started by this script: a service?); leaving it alone"
    say "metrics: $(base_url)/metrics"
    return 0
  fi

  local binary
  binary=$(find_binary)
  mkdir -p "$state_dir"
  local -a args=("--web.listen-address=$listen")
  local -a extra=()
  if [[ -n "${HOST_EXPORTER_ARGS:-}" ]]; then
    read -r -a extra <<<"$HOST_EXPORTER_ARGS"
  fi
  extra+=("$@")
  if [[ " ${extra[*]:-} " != *" --push.persistence-file"* ]]; then
    args+=("--push.persistence-file=$state_dir/push-groups.json")  # pushed metrics survive a restart
  fi
  if [[ " ${extra[*]:-} " != *" --push.persistence-interval"* ]]; then
    args+=("--push.persistence-interval=0s")  # write-through: a push answered 200 survives kill -9
  fi
  if [[ " ${extra[*]:-} " != *" --push.ttl"* ]]; then
    args+=("--push.ttl=$push_ttl")  # the persistence file would otherwise keep a one-off push for ever
  fi
  args+=("${extra[@]+"${extra[@]}"}")

  say "starting $binary ${args[*]}"
  printf '\n==== %s start: %s %s\n' "$(date '+%Y-%m-%dT%H:%M:%S')" "$binary" "${args[*]}" >>"$log_file"
  nohup "$binary" "${args[@]}" </dev/null >>"$log_file" 2>&1 &
  pid=$!
  echo "$pid" >"$pid_file"

  local waited=0
  while ! is_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      tail -n 20 "$log_file" >&2 || true
      fail "host_exporter exited during start-up (log: $log_file)"
    fi
    if ((waited >= ready_timeout * 4)); then
      fail "host_exporter (pid $pid) did not answer $(base_url)/-/ready within ${ready_timeout}s (log: $log_file)"
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  say "running (pid $pid): $(base_url)/metrics   log: $log_file"
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    say "not running (no live pid in $pid_file)"
    return 0
  fi
  kill -TERM "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= stop_timeout * 4)); then
      fail "pid $pid still running ${stop_timeout}s after SIGTERM; not killing it (kill -KILL $pid if you must)"
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  rm -f "$pid_file"
  say "stopped (pid $pid)"
}

status() {
  local pid
  if pid=$(running_pid); then
    if is_ready; then
      say "running (pid $pid), ready: $(base_url)/metrics"
    else
      say "running (pid $pid), not answering $(base_url)/-/ready yet"
    fi
    return 0
  fi
  if is_ready; then
    say "not started by this script, but something answers at $(base_url)"
  else
    say "not running"
  fi
  return 3
}

command=${1:-start}
[[ $# -gt 0 ]] && shift
case "$command" in
  start)
    [[ "${1:-}" == "--" ]] && shift
    start "$@"
    ;;
  stop) stop ;;
  status) status ;;
  -h|--help|help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) printf 'usage: %s [start [-- flags] | stop | status]\n' "$0" >&2; exit 2 ;;
esac
