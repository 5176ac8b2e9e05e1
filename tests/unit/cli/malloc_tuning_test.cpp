#include "cli/malloc_tuning.hpp"

#include <gtest/gtest.h>

namespace host_exporter::cli {
namespace {

TEST(MallocTuning, SetsTheThreadCacheLimitWhenNothingIsSet) {
  EXPECT_EQ(tunables_with_thread_cache(nullptr), "glibc.malloc.tcache_count=1024");
  EXPECT_EQ(tunables_with_thread_cache(""), "glibc.malloc.tcache_count=1024");
}

TEST(MallocTuning, KeepsTheUsersOtherTunables) {
  EXPECT_EQ(tunables_with_thread_cache("glibc.malloc.mxfast=0"),
            "glibc.malloc.mxfast=0:glibc.malloc.tcache_count=1024");
  EXPECT_EQ(tunables_with_thread_cache("glibc.malloc.tcache_count_extra=1"),
            "glibc.malloc.tcache_count_extra=1:glibc.malloc.tcache_count=1024");
}

TEST(MallocTuning, LeavesALimitAlreadySetAlone) {
  // The user's own value, and what the re-executed program finds: no second re-execution.
  EXPECT_EQ(tunables_with_thread_cache("glibc.malloc.tcache_count=7"), std::nullopt);
  EXPECT_EQ(tunables_with_thread_cache("glibc.malloc.mxfast=0:glibc.malloc.tcache_count=0:glibc.malloc.perturb=1"),
            std::nullopt);
  EXPECT_EQ(tunables_with_thread_cache("glibc.malloc.tcache_count=1024"), std::nullopt);
}

}  // namespace
}  // namespace host_exporter::cli
