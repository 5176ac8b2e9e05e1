#!/usr/bin/env bash
# Starts everything needed to see this machine in Grafana:
#   1. host_exporter, natively on this host (scripts/start_host_exporter.sh);
#   2. the monitoring stack:
#        - Docker path: when a Docker engine answers `docker info`, Prometheus + Grafana + cAdvisor +
#          postgres_exporter with config/docker-compose.yml;
#        - native path: otherwise, when `prometheus` is installed, Prometheus on this host with
#          config/monitoring/prometheus.native.yml (no Grafana: see docs/deployment.md);
#   3. prints where to look, which path it took and why.
#
#   ./launch.sh            start (idempotent: what already runs is left alone)
#   ./launch.sh --docker   insist on the Docker path;  ./launch.sh --native   insist on the native path
#   ./launch.sh stop       stop what launch.sh started (compose stack or native Prometheus, then host_exporter)
#   ./launch.sh status     exit 0 when host_exporter runs, 3 when it does not
#
# Pushed groups are kept for HOST_EXPORTER_PUSH_TTL after their last push (default 24h, see
# scripts/start_host_exporter.sh), so a test push does not stay on the dashboards for ever.
#
# Environment: everything scripts/start_host_exporter.sh reads (HOST_EXPORTER_BIN, HOST_EXPORTER_LISTEN,
# HOST_EXPORTER_STATE_DIR, HOST_EXPORTER_PUSH_TTL, ...), POSTGRES_EXPORTER_DSN and GRAFANA_ADMIN_* for the
# compose file, and DOCKER_INFO_TIMEOUT (seconds, default 20).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
start_script="$repo_root/scripts/start_host_exporter.sh"
compose_file="$repo_root/config/docker-compose.yml"
native_config="$repo_root/config/monitoring/prometheus.native.yml"
docker_info_timeout=${DOCKER_INFO_TIMEOUT:-20}

if [[ -n "${HOST_EXPORTER_STATE_DIR:-}" ]]; then
  state_dir=$HOST_EXPORTER_STATE_DIR
elif [[ "$(uname -s)" == Darwin ]]; then
  state_dir="$HOME/Library/Application Support/host_exporter"
else
  state_dir="${XDG_STATE_HOME:-$HOME/.local/state}/host_exporter"
fi
export HOST_EXPORTER_STATE_DIR=$state_dir
prometheus_dir="$state_dir/prometheus"
prometheus_pid_file="$prometheus_dir/prometheus.pid"
prometheus_log="$prometheus_dir/prometheus.log"
listen=${HOST_EXPORTER_LISTEN:-127.0.0.1:9101}
exporter_port=${listen##*:}
export HOST_EXPORTER_PUSH_TTL=${HOST_EXPORTER_PUSH_TTL:-24h}

# How to run host_exporter from a shell: its name when it is on PATH (make install), else the built program.
exporter_command() {
  if [[ -n "${HOST_EXPORTER_BIN:-}" ]]; then
    echo "$HOST_EXPORTER_BIN"
  elif command -v host_exporter >/dev/null 2>&1; then
    echo host_exporter
  elif [[ -x "$repo_root/build/release/src/cli/host_exporter" ]]; then
    echo "$repo_root/build/release/src/cli/host_exporter"
  else
    echo host_exporter
  fi
}

say() { printf 'launch: %s\n' "$*"; }
fail() { printf 'launch: %s\n' "$*" >&2; exit 1; }

# Runs a command for at most $1 seconds (macOS has no timeout(1)); its status, or 124 on timeout.
run_bounded() {
  local seconds=$1; shift
  "$@" >/dev/null 2>&1 &
  local pid=$! waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= seconds * 4)); then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      return 124
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  wait "$pid"
}

http_ok() { curl -fsS --max-time 2 -o /dev/null "$1" 2>/dev/null; }

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -f "$compose_file" "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose -f "$compose_file" "$@"
  else
    fail "Docker answers but neither 'docker compose' nor 'docker-compose' is installed"
  fi
}

# Sets $docker_reason; true when the Docker path can be taken.
docker_usable() {
  if ! command -v docker >/dev/null 2>&1; then
    docker_reason="no docker command on PATH"
    return 1
  fi
  local status=0
  run_bounded "$docker_info_timeout" docker info || status=$?
  if ((status == 124)); then
    docker_reason="'docker info' did not answer within ${docker_info_timeout}s (Docker Desktop still starting?)"
    return 1
  elif ((status != 0)); then
    docker_reason="'docker info' failed: no Docker engine running (start Docker Desktop, or the docker service)"
    return 1
  fi
  docker_reason="'docker info' answered: a Docker engine is running"
  return 0
}

prometheus_pid() {
  [[ -f "$prometheus_pid_file" ]] || return 1
  local pid
  pid=$(tr -dc '0-9' <"$prometheus_pid_file")
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && [[ "$(ps -p "$pid" -o comm= 2>/dev/null)" == *prometheus* ]]; then
    echo "$pid"
    return 0
  fi
  rm -f "$prometheus_pid_file"
  return 1
}

start_native_prometheus() {
  local pid
  if pid=$(prometheus_pid); then
    say "native Prometheus already running (pid $pid)"
    return 0
  fi
  if http_ok http://127.0.0.1:9090/-/ready; then
    say "something already answers on 127.0.0.1:9090 (a Prometheus not started by launch.sh?); leaving it alone"
    say "  make sure it loads $native_config"
    return 0
  fi
  mkdir -p "$prometheus_dir/data"
  say "starting: prometheus --config.file=$native_config --storage.tsdb.path=$prometheus_dir/data"
  nohup prometheus --config.file="$native_config" --storage.tsdb.path="$prometheus_dir/data" \
    --web.listen-address=127.0.0.1:9090 --web.enable-lifecycle </dev/null >>"$prometheus_log" 2>&1 &
  pid=$!
  echo "$pid" >"$prometheus_pid_file"
  local waited=0
  until http_ok http://127.0.0.1:9090/-/ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$prometheus_pid_file"
      tail -n 20 "$prometheus_log" >&2 || true
      fail "Prometheus exited during start-up (log: $prometheus_log)"
    fi
    ((waited < 120)) || fail "Prometheus did not become ready within 30s (log: $prometheus_log)"
    sleep 0.25
    waited=$((waited + 1))
  done
  say "native Prometheus running (pid $pid), log: $prometheus_log"
}

# On a Linux engine, host.docker.internal is the docker0 address (host-gateway): host_exporter must listen there
# too. Docker Desktop (macOS) forwards it to the loopback, so 127.0.0.1 is enough there.
docker_bridge_listen_args() {
  [[ "$(uname -s)" == Linux ]] || return 0
  command -v ip >/dev/null 2>&1 || return 0
  local address
  address=$(ip -4 -o addr show docker0 2>/dev/null | awk '{split($4, a, "/"); print a[1]; exit}')
  [[ -n "$address" ]] || return 0
  if [[ " ${HOST_EXPORTER_ARGS:-} " == *"$address:"* || "$listen" == 0.0.0.0:* || "$listen" == :* ]]; then
    return 0
  fi
  echo "--web.listen-address=$address:$exporter_port"
}

start_all() {
  local mode=$1 path reason
  if [[ "$mode" == native ]]; then
    path=native; reason="--native was given"
    command -v prometheus >/dev/null 2>&1 || fail "--native: no prometheus on PATH (brew install prometheus)"
  elif docker_usable; then
    path=docker; reason=$docker_reason
  elif [[ "$mode" == docker ]]; then
    fail "--docker: $docker_reason"
  elif command -v prometheus >/dev/null 2>&1; then
    path=native; reason="$docker_reason; prometheus is installed at $(command -v prometheus)"
  else
    path=none; reason="$docker_reason, and no prometheus on PATH"
  fi

  # 1. host_exporter
  local -a extra=()
  if [[ "$path" == docker ]]; then
    local bridge
    bridge=$(docker_bridge_listen_args)
    if [[ -n "$bridge" ]]; then
      extra=(-- "$bridge")
      if "$start_script" status >/dev/null 2>&1; then
        say "note: host_exporter already runs; for containers to reach it on this Linux engine it must also be"
        say "  started with $bridge (scripts/start_host_exporter.sh stop, then ./launch.sh again)"
      fi
    fi
  fi
  "$start_script" start "${extra[@]+"${extra[@]}"}"

  # 2. the stack
  echo
  case "$path" in
    docker)
      say "path: DOCKER ($reason)"
      compose up -d
      ;;
    native)
      say "path: NATIVE Prometheus ($reason)"
      start_native_prometheus
      ;;
    none)
      say "path: NONE ($reason)"
      ;;
  esac

  # 3. where to look
  local exporter_url="http://127.0.0.1:$exporter_port"
  echo
  say "host_exporter  $exporter_url/metrics   ($(exporter_command) doctor: which machine it measures)"
  case "$path" in
    docker)
      say "Prometheus     http://localhost:9090   (targets: http://localhost:9090/targets; it scrapes host.docker.internal:$exporter_port)"
      say "Grafana        http://localhost:3000   (admin / \${GRAFANA_ADMIN_PASSWORD:-admin}; folder host_exporter)"
      say "stop with      ./launch.sh stop"
      ;;
    native)
      say "Prometheus     http://localhost:9090   (config: $native_config)"
      say "Grafana        not started on the native path: add a Prometheus datasource http://localhost:9090 with"
      say "               uid 'prometheus' and import config/grafana/dashboards/*.json (docs/deployment.md)"
      say "stop with      ./launch.sh stop"
      ;;
    none)
      say "no Prometheus was started. Either start Docker Desktop (then ./launch.sh again) or install Prometheus"
      say "(brew install prometheus, apt install prometheus) for the native path. host_exporter is running."
      return 1
      ;;
  esac
}

stop_all() {
  if command -v docker >/dev/null 2>&1 && run_bounded "$docker_info_timeout" docker info; then
    say "stopping the compose stack (data volumes are kept)"
    compose down || true
  fi
  local pid
  if pid=$(prometheus_pid); then
    say "stopping native Prometheus (pid $pid)"
    kill -TERM "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < 120)); do sleep 0.25; waited=$((waited + 1)); done
    rm -f "$prometheus_pid_file"
  fi
  "$start_script" stop
}

# The exit status is host_exporter's, as scripts/start_host_exporter.sh status gives it: 0 running, 3 not.
status_all() {
  local exporter_status=0
  "$start_script" status || exporter_status=$?
  if pid=$(prometheus_pid); then say "native Prometheus running (pid $pid)"; fi
  if command -v docker >/dev/null 2>&1 && run_bounded "$docker_info_timeout" docker info; then
    compose ps || true
  fi
  return "$exporter_status"
}

case "${1:-start}" in
  start) start_all auto ;;
  --docker) start_all docker ;;
  --native) start_all native ;;
  stop) stop_all ;;
  status) status_all ;;
  -h|--help|help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) printf 'usage: %s [start | --docker | --native | stop | status]\n' "$0" >&2; exit 2 ;;
esac
