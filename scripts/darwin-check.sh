#!/usr/bin/env bash
# Cross-compiles the macOS code on Linux (cmake/darwin-check, cmake/darwin-cross.cmake):
# every file of src/ the macOS build compiles, warnings as errors, linked into the whole
# program and two probes (the macOS collectors; the HTTP server, client, exposer and pusher)
# with no undefined symbol against the SDK, libevent, yaml-cpp, snappy and protobuf-lite built
# for the Mac, and
# stubs of the build machine's OpenSSL and libxcrypt.
#   MACOS_SDK_ROOT=/opt/macos-sdk/root scripts/darwin-check.sh [build-dir]
# Third-party libraries at the versions of cmake/darwin-check/homebrew-versions.txt
# (scripts/darwin-check-headers.sh: HX_GIT_MIRRORS, HX_DARWIN_CHECK_CACHE; the stubs:
# scripts/darwin-check-stubs.sh); with HX_DARWIN_CHECK_STRICT=1 a library not at that
# version fails the check.
# Exit 0 when it builds; 77 (skipped) when MACOS_SDK_ROOT is not set; 1 on failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/darwin-check}

if [[ -z "${MACOS_SDK_ROOT:-}" ]]; then
  echo "darwin-check: SKIPPED: MACOS_SDK_ROOT is not set (point it at an unpacked macOS SDK)"
  exit 77
fi
if [[ ! -d "$MACOS_SDK_ROOT/usr/include" ]]; then
  echo "darwin-check: FAILED: MACOS_SDK_ROOT=$MACOS_SDK_ROOT has no usr/include" >&2
  exit 1
fi
# The headers of the versions Homebrew installs (cmake/darwin-check/homebrew-versions.txt).
headers_report=$("$root/scripts/darwin-check-headers.sh" "$build/homebrew-headers.cmake")
# Stubs of what is not built for the Mac: libevent too when its tag could not be had.
stubbed=(openssl@3 libxcrypt)
grep -q '^set(HX_SOURCE_libevent ' "$build/homebrew-headers.cmake" || stubbed+=(libevent)
headers_report+=$'\n'$("$root/scripts/darwin-check-stubs.sh" "$build/stubs" "${stubbed[@]}")
echo "$headers_report"
not_pinned=$(grep -c "NOT AT HOMEBREW'S VERSION" <<<"$headers_report" || true)
if [[ $not_pinned -gt 0 && ${HX_DARWIN_CHECK_STRICT:-0} == 1 ]]; then
  echo "darwin-check: FAILED: $not_pinned header set(s) or stub(s) not at Homebrew's version (HX_DARWIN_CHECK_STRICT=1)" >&2
  exit 1
fi
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root/cmake/darwin-check" -B "$build" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_TOOLCHAIN_FILE="$root/cmake/darwin-cross.cmake" -DCMAKE_BUILD_TYPE=Release \
  -DHX_HOMEBREW_HEADERS="$build/homebrew-headers.cmake" -DHX_STUBS="$build/stubs" >/dev/null
keep_going=()
[[ ${#generator[@]} -gt 0 ]] && keep_going=(-- -k 0)  # every error in one run
cmake --build "$build" -j "${JOBS:-2}" "${keep_going[@]}"
for program in darwin_host_exporter darwin_probe darwin_http_probe; do
  info=$(file -b "$build/$program" 2>/dev/null || echo "Mach-O")
  echo "darwin-check: OK: $build/$program (${info%%,*})"
done
if [[ $not_pinned -gt 0 ]]; then
  echo "darwin-check: but $not_pinned header set(s) or stub(s) are the build machine's, not Homebrew's version:"
  grep "NOT AT HOMEBREW'S VERSION" <<<"$headers_report" | sed 's/^/  /'
fi
