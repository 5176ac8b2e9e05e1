# The front door: every target installs what is missing, then calls CMake.
#   make run     build and serve on 127.0.0.1:9101
#   make test    build (release and ASan+UBSan) and run every test
#   make bench   build and run the benchmarks
#   make install install the binary (PREFIX, default /usr/local)
#   make darwin-check  cross-compile the macOS code (needs MACOS_SDK_ROOT)

PREFIX ?= /usr/local
ARGS ?=
JOBS ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu)

.PHONY: all deps build run test test-release test-asan bench install darwin-check clean

all: build

deps:
	@scripts/install-deps.sh --check 2>/dev/null || scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: build
	./build/release/src/cli/host_exporter --web.listen-address=127.0.0.1:9101 $(ARGS)

# The sanitizer run comes first so that ctest's summary of the full suite is the last line.
# The release suite includes darwin_cross_check (scripts/darwin-check.sh): it cross-compiles the macOS
# code when MACOS_SDK_ROOT is set, and is listed as "(Skipped)" in ctest's summary when it is not.
test: deps test-asan test-release

test-asan:
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)

test-release: build
	@ctest --preset release -j $(JOBS)

bench: build
	@scripts/run-benchmarks.sh

# Puts host_exporter in $(PREFIX)/bin (PREFIX=$$HOME/.local needs no sudo) and says when that is not on PATH.
install: build
	cmake --install build/release --prefix $(PREFIX)
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) echo "host_exporter installed: $(PREFIX)/bin/host_exporter (on PATH)" ;; \
	  *) echo "host_exporter installed: $(PREFIX)/bin/host_exporter; $(PREFIX)/bin is not on PATH: add it," \
	          "or run $(PREFIX)/bin/host_exporter" ;; esac

darwin-check:
	@scripts/darwin-check.sh

clean:
	rm -rf build
