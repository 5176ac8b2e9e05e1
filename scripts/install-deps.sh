#!/usr/bin/env bash
# Installs every build and test dependency of host_exporter, idempotently.
#   scripts/install-deps.sh           install what is missing (Debian 12: apt; macOS: Homebrew)
#   scripts/install-deps.sh --check   exit 0 when nothing is missing, 1 otherwise (installs nothing)
set -euo pipefail

check_only=0
[[ "${1:-}" == "--check" ]] && check_only=1

debian_packages=(
  build-essential cmake ninja-build pkg-config git curl ca-certificates
  patch xz-utils libcli11-dev nlohmann-json3-dev libyaml-cpp-dev libssl-dev zlib1g-dev
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

# cpp-httplib on Debian: the header-only httplib.h of Debian 12's own source package, with Debian's patches
# and ours (scripts/patches/). Debian's binary package is a compiled library that links libssl and libcrypto
# and initialises OpenSSL whenever it loads, which doubles host_exporter's resident memory (bench/README.md).
# CMake finds the header here (HX_HTTPLIB_INCLUDE_DIR). Homebrew's cpp-httplib is header-only already.
httplib_version=0.11.4+ds-1+deb12u1
httplib_dir=/usr/local/share/host_exporter/cpp-httplib-$httplib_version+hx2  # +hxN: bump when scripts/patches/ change
httplib_pool=https://deb.debian.org/debian/pool/main/c/cpp-httplib
httplib_sources=(  # file, SHA-256 (as in the package's .dsc)
  "cpp-httplib_0.11.4+ds.orig.tar.xz 8b1a5df569003b6a4f24c68489bbda5c64aec94697bdc9ebba5d79408b2ae7eb"
  "cpp-httplib_$httplib_version.debian.tar.xz a0adf8a38610806f6d94ba69839438635e5e6580775e28ff31d6a081e34f1484"
)

install_httplib_header() (  # a subshell: its EXIT trap removes the downloads whatever happens
  here=$(cd "$(dirname "$0")" && pwd)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  echo "install-deps: installing cpp-httplib $httplib_version (header) into $httplib_dir"
  for entry in "${httplib_sources[@]}"; do
    read -r file sum <<<"$entry"
    curl -fsSL --retry 3 -o "$work/$file" "$httplib_pool/$file"
    echo "$sum  $work/$file" | sha256sum -c --quiet - || { echo "install-deps: $file: checksum mismatch" >&2; exit 1; }
  done
  mkdir -p "$work/src"
  tar -xJf "$work/${httplib_sources[0]%% *}" -C "$work/src" --strip-components=1
  tar -xJf "$work/${httplib_sources[1]%% *}" -C "$work/src"
  while read -r patch; do
    [[ -n "$patch" && "$patch" != \#* ]] && patch -d "$work/src" -p1 --quiet <"$work/src/debian/patches/$patch"
  done <"$work/src/debian/patches/series"
  for patch in "$here"/patches/cpp-httplib-0.11.4-*.patch; do
    patch -d "$work/src" -p1 --quiet <"$patch"
  done
  $sudo install -D -m 0644 "$work/src/httplib.h" "$httplib_dir/httplib.h"
  # Earlier +hxN headers go: a build directory that cached one then looks for this one.
  for old in "$(dirname "$httplib_dir")"/cpp-httplib-*; do
    [[ "$old" == "$httplib_dir" ]] || $sudo rm -rf "$old"
  done
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
    [[ -f "$httplib_dir/httplib.h" ]] || missing+=("cpp-httplib header ($httplib_dir)")
    if ((${#missing[@]} == 0)); then exit 0; fi
    if ((check_only)); then echo "install-deps: missing: ${missing[*]}" >&2; exit 1; fi
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    apt_missing=()
    for p in "${missing[@]}"; do [[ "$p" == cpp-httplib* ]] || apt_missing+=("$p"); done
    if ((${#apt_missing[@]} > 0)); then
      echo "install-deps: installing ${apt_missing[*]}"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" </dev/null
    fi
    [[ -f "$httplib_dir/httplib.h" ]] || install_httplib_header
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
