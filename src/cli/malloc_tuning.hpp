#pragma once
// glibc's malloc keeps at most 7 freed blocks of each size in a thread's cache (tcache).
// A scrape frees several hundred small blocks at once (family names, help texts,
// labels) and allocates them again at the next scrape, so with the default most of
// them take malloc's slow paths: about 9 % of a scrape's CPU (bench/README.md,
// "Fourth round"). glibc reads the limit only from GLIBC_TUNABLES, and only when a
// program starts, so host_exporter re-executes itself once, first thing, with the
// limit added to whatever GLIBC_TUNABLES already holds. The process keeps its pid.

#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::cli {

inline constexpr std::string_view kThreadCacheTunable = "glibc.malloc.tcache_count";
inline constexpr int kThreadCacheBlocks = 1024;

// GLIBC_TUNABLES with the thread-cache limit added to `current` (null: unset), or nullopt
// when `current` already sets that tunable (the user's choice, or our own re-execution).
std::optional<std::string> tunables_with_thread_cache(const char* current);

// On glibc, unless the limit is already set, the program was itself started as /proc/self/exe
// (AT_EXECFN: the re-executed program, whatever glibc made of the variable), or it runs set-uid
// (glibc then ignores GLIBC_TUNABLES): execv of /proc/self/exe with the same arguments. Returns when that is not
// done or fails, with the environment as it was; the program then runs with glibc's default.
void reexec_with_malloc_tuning(char** argv);

}  // namespace host_exporter::cli
