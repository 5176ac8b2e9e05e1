#!/usr/bin/env bash
# Cross-compiles the macOS code on Linux (cmake/darwin-check, cmake/darwin-cross.cmake)
# and links the darwin probe against the SDK: every file of src/platform/darwin, the
# macOS collectors, metrics, exposition and log, warnings as errors, no undefined symbols.
#   MACOS_SDK_ROOT=/opt/macos-sdk/root scripts/darwin-check.sh [build-dir]
# Third-party headers at the versions of cmake/darwin-check/homebrew-versions.txt
# (scripts/darwin-check-headers.sh: HX_GIT_MIRRORS, HX_DARWIN_CHECK_CACHE); with
# HX_DARWIN_CHECK_STRICT=1 a library not at that version fails the check.
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
echo "$headers_report"
not_pinned=$(grep -c "NOT AT HOMEBREW'S VERSION" <<<"$headers_report" || true)
if [[ $not_pinned -gt 0 && ${HX_DARWIN_CHECK_STRICT:-0} == 1 ]]; then
  echo "darwin-check: FAILED: $not_pinned librar(y/ies) not at Homebrew's version (HX_DARWIN_CHECK_STRICT=1)" >&2
  exit 1
fi
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$root/cmake/darwin-check" -B "$build" "${generator[@]}" \
  -DCMAKE_TOOLCHAIN_FILE="$root/cmake/darwin-cross.cmake" -DCMAKE_BUILD_TYPE=Release \
  -DHX_HOMEBREW_HEADERS="$build/homebrew-headers.cmake" >/dev/null
keep_going=()
[[ ${#generator[@]} -gt 0 ]] && keep_going=(-- -k 0)  # every error in one run
cmake --build "$build" -j "${JOBS:-2}" "${keep_going[@]}"
probe="$build/darwin_probe"
info=$(file -b "$probe" 2>/dev/null || echo "Mach-O")
echo "darwin-check: OK: $probe ($info)"
if [[ $not_pinned -gt 0 ]]; then
  echo "darwin-check: but $not_pinned librar(y/ies) compiled against the build machine's headers, not Homebrew's:"
  grep "NOT AT HOMEBREW'S VERSION" <<<"$headers_report" | sed 's/^/  /'
fi
