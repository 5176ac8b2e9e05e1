#!/usr/bin/env bash
# Installs every build and test dependency of host_exporter, idempotently.
#   scripts/install-deps.sh           install what is missing (Debian 12: apt; macOS: Homebrew)
#   scripts/install-deps.sh --check   exit 0 when nothing is missing, 1 otherwise (installs nothing)
set -euo pipefail

check_only=0
[[ "${1:-}" == "--check" ]] && check_only=1

debian_packages=(
  build-essential cmake ninja-build pkg-config git curl ca-certificates
  libcpp-httplib-dev libcli11-dev nlohmann-json3-dev libyaml-cpp-dev libssl-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-dev python3-pybind11 python3-yaml
  prometheus prometheus-node-exporter prometheus-pushgateway
  postgresql prometheus-postgres-exporter
  clang lld wrk hyperfine
)
# No PyYAML here: Homebrew disabled its pyyaml formula; the tests that parse YAML skip that part without it.
# libxcrypt: bcrypt for basic_auth_users (macOS's own crypt(3) is DES only; keg-only, found via brew --prefix).
brew_packages=(
  cmake ninja pkg-config cpp-httplib cli11 nlohmann-json yaml-cpp openssl@3 zlib libxcrypt
  googletest google-benchmark pybind11 python@3 prometheus node_exporter pushgateway wrk hyperfine
  postgresql@15 postgres_exporter
)

missing=()
case "$(uname -s)" in
  Linux)
    if ! command -v dpkg-query >/dev/null; then
      echo "install-deps: only Debian-based Linux is supported; install the equivalents of: ${debian_packages[*]}" >&2
      exit 1
    fi
    for p in "${debian_packages[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
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
    installed=$(brew list --formula -1)
    for p in "${brew_packages[@]}"; do
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
