#!/usr/bin/env bash
# Installs what host_exporter needs, idempotently, from the system's package manager only.
#   scripts/install-deps.sh                  what building and running need (make run, make install)
#   scripts/install-deps.sh --for test       that, plus what the tests and benchmarks need (make test, make bench)
#   scripts/install-deps.sh [--for test] --check
#                                            exit 0 when nothing is missing, 1 otherwise (installs nothing)
# Debian 12: apt-get (as root, or with sudo for the packages only). macOS: Homebrew, never sudo.
set -euo pipefail

purpose=build
check_only=0
while (($#)); do
  case "$1" in
    --check) check_only=1 ;;
    --for) purpose="${2:?--for needs build or test}"; shift ;;
    --for=*) purpose="${1#--for=}" ;;
    *) echo "install-deps: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[[ "$purpose" == build || "$purpose" == test ]] || { echo "install-deps: --for build or --for test" >&2; exit 2; }

# Building and running: the compiler and the libraries the program links (libevent is the HTTP stack;
# snappy and protobuf-lite encode agent mode's remote writes, protoc generates their messages).
debian_build=(
  build-essential cmake ninja-build pkg-config ca-certificates lld
  libcli11-dev nlohmann-json3-dev libyaml-cpp-dev libssl-dev zlib1g-dev libevent-dev
  nodejs  # the live page's charts (docs/live.md): npm ci and the bundle; without it / is plain HTML
  libsnappy-dev libprotobuf-dev protobuf-compiler
  valgrind  # callgrind profiles the static program at build time to order its hot code (cmake/TextOrder.cmake)
)
# Testing and benchmarking: test frameworks, the Python module's build, and the real peers the
# integration tests and benchmarks run beside the exporter.
debian_test=(
  git curl libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-dev python3-pybind11 python3-yaml
  prometheus prometheus-node-exporter prometheus-pushgateway victoria-metrics
  postgresql prometheus-postgres-exporter
  clang libclang-rt-dev wrk hyperfine
  strace  # bench/read_floor.sh records a scrape's reads (and its test, integration_bench_floors)
  chromium  # the live page's browser test (playwright-core drives it headless)
)
# libxcrypt: bcrypt for basic_auth_users (macOS's own crypt(3) is DES only; keg-only, found via brew --prefix).
brew_build=(cmake ninja pkg-config cli11 nlohmann-json yaml-cpp openssl@3 zlib libxcrypt libevent node snappy protobuf)
# No PyYAML here: Homebrew disabled its pyyaml formula; the tests that parse YAML skip that part without it.
brew_test=(
  googletest google-benchmark pybind11 python@3 prometheus node_exporter pushgateway victoriametrics wrk hyperfine
  postgresql@15 postgres_exporter
)

missing=()
case "$(uname -s)" in
  Linux)
    if ! command -v dpkg-query >/dev/null; then
      echo "install-deps: only Debian-based Linux is supported; install the equivalents of:" \
           "${debian_build[*]} ${debian_test[*]}" >&2
      exit 1
    fi
    wanted=("${debian_build[@]}")
    [[ "$purpose" == test ]] && wanted+=("${debian_test[@]}")
    for p in "${wanted[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    # Debian packages npm apart from nodejs; a nodejs from elsewhere (NodeSource) brings its own npm.
    command -v npm >/dev/null || missing+=(npm)
    if ((${#missing[@]} == 0)); then exit 0; fi
    if ((check_only)); then echo "install-deps: missing: ${missing[*]}" >&2; exit 1; fi
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    echo "install-deps: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
    ;;
  Darwin)
    if ! command -v brew >/dev/null; then
      echo "install-deps: Homebrew is needed on macOS: see https://brew.sh" >&2
      exit 1
    fi
    wanted=("${brew_build[@]}")
    [[ "$purpose" == test ]] && wanted+=("${brew_test[@]}")
    installed=$(brew list --formula -1)
    for p in "${wanted[@]}"; do
      grep -qx "$p" <<<"$installed" || missing+=("$p")
    done
    if ((${#missing[@]} == 0)); then exit 0; fi
    if ((check_only)); then echo "install-deps: missing: ${missing[*]}" >&2; exit 1; fi
    echo "install-deps: installing ${missing[*]}"
    HOMEBREW_NO_AUTO_UPDATE=1 brew install "${missing[@]}"
    ;;
  *)
    echo "install-deps: unsupported system $(uname -s)" >&2
    exit 1
    ;;
esac
