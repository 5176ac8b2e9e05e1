#!/usr/bin/env bash
# Debian's packages of the release Homebrew installs, for a formula of
# cmake/darwin-check/debian-packages.txt: downloaded from deb.debian.org with an apt state of
# their own (the machine's apt sources and lists are not touched), unpacked into the cache
# ($HX_DARWIN_CHECK_CACHE), the per-architecture headers merged into usr/include. Prints the
# unpacked root; prints nothing when the formula has no row, the row's upstream version is not
# Homebrew's, or the packages cannot be had (darwin-check then says so and uses the machine's).
#   scripts/darwin-check-debian.sh FORMULA HOMEBREW_VERSION
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
formula=${1:?usage: darwin-check-debian.sh FORMULA HOMEBREW_VERSION}
version=${2:?usage: darwin-check-debian.sh FORMULA HOMEBREW_VERSION}
list=$root/cmake/darwin-check/debian-packages.txt
cache=${HX_DARWIN_CHECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/host_exporter/darwin-check-headers}/debian

row=$(awk -v f="$formula" '$1 == f { print $2, $3, $4 }' "$list")
[[ -n $row ]] || exit 0
read -r suite packages debian_version <<<"$row"
upstream=${debian_version#*:}     # no epoch
upstream=${upstream%-*}           # no Debian revision
upstream=${upstream%%+*}          # no snapshot suffix
[[ $upstream == "$version" ]] || exit 0
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || exit 0

dir=$cache/$formula-$(tr -c 'A-Za-z0-9.+\n' '_' <<<"$debian_version")
if [[ ! -f $dir/.complete ]]; then
  state=$cache/apt-$suite
  mkdir -p "$state/lists/partial" "$state/archives/partial"
  echo "deb http://deb.debian.org/debian $suite main" >"$state/sources.list"
  apt=(apt-get -qq -o "Dir::Etc::SourceList=$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
       -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state" -o "Dir::Cache::archives=$state/archives"
       -o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1)
  timeout 300 "${apt[@]}" update >/dev/null 2>&1 || exit 0
  rm -rf "$dir"
  download=$(mktemp -d)
  trap 'rm -rf "$download"' EXIT
  for package in ${packages//,/ }; do
    (cd "$download" && timeout 300 "${apt[@]}" download "$package=$debian_version" >/dev/null 2>&1) || exit 0
  done
  mkdir -p "$dir"
  for deb in "$download"/*.deb; do dpkg-deb -x "$deb" "$dir"; done
  for arch_headers in "$dir"/usr/include/*-linux-gnu; do
    [[ -d $arch_headers ]] && cp -a "$arch_headers/." "$dir/usr/include/"
  done
  touch "$dir/.complete"
fi
echo "$dir"
