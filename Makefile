# The front door: every target installs what is missing, then calls CMake.
#   make run     build the program and serve on 127.0.0.1:9101 (installs only what building needs)
#   make test    build (release and ASan+UBSan) and run every test (installs what testing needs too)
#   make test    also runs the TSan tests and each fuzz target for 10 s
#   make fuzz    run each fuzz target for FUZZ_SECONDS (default 300)
#   make soak    the load test for SOAK_SECONDS (default 60) against the release build
#   make bench   build and run the benchmarks
#   make install install the binary (PREFIX, default /usr/local)
#   make install-library  install the C++ client library and its CMake package (docs/client.md)
#   make darwin-check  cross-compile the macOS code (needs MACOS_SDK_ROOT)

PREFIX ?= /usr/local
ARGS ?=
JOBS ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu)
FUZZ_SECONDS ?= 300
SOAK_SECONDS ?= 60

.PHONY: all deps test-deps build build-all run test test-release test-asan test-tsan test-fuzz fuzz soak bench install install-library darwin-check clean

all: build

deps:
	@scripts/install-deps.sh --check 2>/dev/null || scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --for test --check 2>/dev/null || scripts/install-deps.sh --for test

# The program alone: what `make run` and `make install` need.
build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target host_exporter

# Everything the tests and benchmarks run.
build-all: test-deps
	@cmake --preset release -DHX_BUILD_TESTS=ON -DHX_BUILD_BENCH=ON -DHX_BUILD_PYTHON=ON >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: build
	./build/release/src/cli/host_exporter --web.listen-address=127.0.0.1:9101 $(ARGS)

# The sanitizer run comes first so that ctest's summary of the full suite is the last line.
# The release suite includes darwin_cross_check (scripts/darwin-check.sh): it cross-compiles the macOS
# code when MACOS_SDK_ROOT is set, and is listed as "(Skipped)" in ctest's summary when it is not.
test: test-deps test-asan test-tsan test-fuzz test-release

test-asan: test-deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)

# Only the concurrent tests (tests/tsan) and the fuzz targets (tests/fuzz) are built in these two.
test-tsan: test-deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)
	@ctest --preset tsan -j $(JOBS)

test-fuzz: test-deps
	@cmake --preset fuzz -DHX_FUZZ_SECONDS=6 >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@ctest --preset fuzz -j $(JOBS)

fuzz: test-deps
	@cmake --preset fuzz -DHX_FUZZ_SECONDS=$(FUZZ_SECONDS) >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@ctest --preset fuzz -j $(JOBS)

soak: build-all
	@cmake --preset release -DHX_LOAD_SECONDS=$(SOAK_SECONDS) >/dev/null
	@ctest --preset release -R integration_load --output-on-failure -V; status=$$?; \
	  cmake --preset release -DHX_LOAD_SECONDS=10 >/dev/null; exit $$status

test-release: build-all
	@ctest --preset release -j $(JOBS)

bench: build-all
	@scripts/run-benchmarks.sh

# Puts host_exporter in $(PREFIX)/bin (PREFIX=$$HOME/.local needs no sudo) and says when that is not on PATH.
install: build
	cmake --install build/release --prefix $(PREFIX)
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) echo "host_exporter installed: $(PREFIX)/bin/host_exporter (on PATH)" ;; \
	  *) echo "host_exporter installed: $(PREFIX)/bin/host_exporter; $(PREFIX)/bin is not on PATH: add it," \
	          "or run $(PREFIX)/bin/host_exporter" ;; esac

# The library component: headers, libhost_exporter_{core,client}.a and lib/cmake/host_exporter (find_package).
install-library: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target host_exporter_core host_exporter_client
	cmake --install build/release --prefix $(PREFIX) --component library

darwin-check:
	@scripts/darwin-check.sh

clean:
	rm -rf build
