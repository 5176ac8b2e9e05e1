// The meminfo collector (node_memory_* and btop's host_memory_* / host_swap_*)
// and the vmstat collector.

#include <gtest/gtest.h>

#include "collectors/btop_memory.hpp"
#include "host_collector_harness.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::collectors {
namespace {

using test::collect;
using test::find_family;
using test::find_value;
using test::make_collector;

constexpr double kKiB = 1024.0;
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

TEST(MeminfoCollector, EveryFieldInBytesWithNodeExportersNames) {
  auto collector = make_collector("meminfo", test::fixture_roots("edge/meminfo-no-memavailable"));
  const auto families = collect(*collector);
  const MetricFamily* total = find_family(families, "node_memory_MemTotal_bytes");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->type, MetricType::kGauge);
  EXPECT_EQ(total->help, "Memory information field MemTotal_bytes.");
  EXPECT_EQ(find_value(families, "node_memory_MemTotal_bytes", ""), 2048000 * kKiB);
  EXPECT_EQ(find_value(families, "node_memory_SwapFree_bytes", ""), 1000000 * kKiB);
  // Parentheses as node_exporter rewrites them.
  EXPECT_EQ(find_value(families, "node_memory_Active_anon_bytes", ""), 500000 * kKiB);
  EXPECT_EQ(find_value(families, "node_memory_Inactive_file_bytes", ""), 300000 * kKiB);
  // HugePages_* are counts: no _bytes, no scaling.
  EXPECT_EQ(find_value(families, "node_memory_HugePages_Total", ""), 0.0);
  EXPECT_EQ(find_family(families, "node_memory_HugePages_Total_bytes"), nullptr);
  EXPECT_EQ(find_value(families, "node_memory_Hugepagesize_bytes", ""), 2048 * kKiB);
  EXPECT_EQ(find_family(families, "node_memory_MemAvailable_bytes"), nullptr);
}

TEST(MeminfoCollector, ExportsEveryFieldOfTheRecordedMachine) {
  const auto roots = test::fixture_roots("linux-debian12");
  auto collector = make_collector("meminfo", roots);
  const auto families = collect(*collector);
  std::size_t node_memory = 0;
  for (const auto& family : families) node_memory += family.name.starts_with("node_memory_");
  std::size_t lines = 0;
  for (char c : platform::read_file_or_empty(roots.proc("meminfo"))) lines += c == '\n';
  EXPECT_EQ(node_memory, lines);
  EXPECT_EQ(find_value(families, "host_memory_total_bytes", ""),
            find_value(families, "node_memory_MemTotal_bytes", ""));
  EXPECT_EQ(find_value(families, "host_memory_available_bytes", ""),
            find_value(families, "node_memory_MemAvailable_bytes", ""));  // no ZFS here
  EXPECT_EQ(*find_value(families, "host_memory_used_bytes", ""),
            *find_value(families, "node_memory_MemTotal_bytes", "") -
                *find_value(families, "node_memory_MemAvailable_bytes", ""));
}

TEST(MeminfoCollector, BtopViewWithoutMemAvailable) {
  auto collector = make_collector("meminfo", test::fixture_roots("edge/meminfo-no-memavailable"));
  const auto families = collect(*collector);
  EXPECT_EQ(find_value(families, "host_memory_total_bytes", ""), 2048000 * kKiB);
  EXPECT_EQ(find_value(families, "host_memory_free_bytes", ""), 512000 * kKiB);
  EXPECT_EQ(find_value(families, "host_memory_cached_bytes", ""), 768000 * kKiB);
  // available = MemFree + Cached; used = total - available.
  EXPECT_EQ(find_value(families, "host_memory_available_bytes", ""), 1280000 * kKiB);
  EXPECT_EQ(find_value(families, "host_memory_used_bytes", ""), 768000 * kKiB);
  EXPECT_EQ(find_value(families, "host_swap_total_bytes", ""), 1048576 * kKiB);
  EXPECT_EQ(find_value(families, "host_swap_used_bytes", ""), 48576 * kKiB);
  EXPECT_EQ(find_family(families, "host_memory_used_bytes")->type, MetricType::kGauge);
}

TEST(MeminfoCollector, BtopViewCountsTheZfsArc) {
  auto collector = make_collector("meminfo", test::fixture_roots("edge/zfs-arcstats"));
  const auto families = collect(*collector);
  // MemTotal 16 GiB, MemFree 2, MemAvailable 4, Cached 1; ARC size 3 GiB, c_min 1 GiB.
  EXPECT_EQ(find_value(families, "host_memory_cached_bytes", ""), 4 * kGiB);     // 1 + 3
  EXPECT_EQ(find_value(families, "host_memory_available_bytes", ""), 6 * kGiB);  // 4 + (3 - 1)
  EXPECT_EQ(find_value(families, "host_memory_used_bytes", ""), 10 * kGiB);      // 16 - 6
  EXPECT_EQ(find_value(families, "host_memory_free_bytes", ""), 2 * kGiB);
  // node_exporter's view is untouched by the ARC.
  EXPECT_EQ(find_value(families, "node_memory_Cached_bytes", ""), 1 * kGiB);
  EXPECT_EQ(find_value(families, "host_swap_used_bytes", ""), 0.0);
}

TEST(MeminfoCollector, AnArcBelowItsFloorAddsNothingToAvailable) {
  auto collector = make_collector("meminfo", test::fixture_roots("edge/zfs-arc-below-min"));
  const auto families = collect(*collector);
  EXPECT_EQ(find_value(families, "host_memory_cached_bytes", ""), 1.5 * kGiB);
  EXPECT_EQ(find_value(families, "host_memory_available_bytes", ""), 4 * kGiB);
  EXPECT_EQ(find_value(families, "host_memory_used_bytes", ""), 12 * kGiB);
}

TEST(MeminfoCollector, ABrokenFileFailsTheCollector) {
  std::vector<MetricFamily> families;
  auto truncated = make_collector("meminfo", test::fixture_roots("edge/truncated"));
  EXPECT_THROW(truncated->collect(families), std::runtime_error);
  auto garbage = make_collector("meminfo", test::fixture_roots("edge/garbage"));
  EXPECT_THROW(garbage->collect(families), std::runtime_error);
}

TEST(BtopMemory, UsesFreeWhenAvailableExceedsTotal) {
  platform::MeminfoReading meminfo;
  platform::parse_meminfo("MemTotal: 100 kB\nMemFree: 30 kB\nMemAvailable: 200 kB\nCached: 10 kB\n", meminfo);
  const auto memory = btop_memory(meminfo, platform::ArcstatsReading{});
  ASSERT_TRUE(memory.has_value());
  EXPECT_EQ(memory->used, 70u * 1024u);
  EXPECT_EQ(memory->available, 200u * 1024u);
}

TEST(BtopMemory, NeedsTotalAndFree) {
  platform::MeminfoReading meminfo;
  platform::parse_meminfo("MemTotal: 100 kB\nCached: 10 kB\n", meminfo);
  EXPECT_FALSE(btop_memory(meminfo, platform::ArcstatsReading{}).has_value());
}

TEST(BtopMemory, IgnoresABrokenArcstats) {
  platform::MeminfoReading meminfo;
  platform::parse_meminfo("MemTotal: 100 kB\nMemFree: 30 kB\nMemAvailable: 50 kB\nCached: 10 kB\n", meminfo);
  platform::ArcstatsReading arc;
  platform::parse_arcstats("size 4 99999", arc);  // no c_min
  const auto memory = btop_memory(meminfo, arc);
  ASSERT_TRUE(memory.has_value());
  EXPECT_EQ(memory->cached, 10u * 1024u);
  EXPECT_EQ(memory->used, 50u * 1024u);
}

// ------------------------------------------------------------------ vmstat

TEST(VmstatCollector, NodeExportersDefaultFields) {
  auto collector = make_collector("vmstat", test::fixture_roots("edge/vmstat-fields"));
  const auto families = collect(*collector);
  EXPECT_EQ(test::family_names(families),
            (std::vector<std::string>{"node_vmstat_pgpgin", "node_vmstat_pgpgout", "node_vmstat_pswpin",
                                      "node_vmstat_pswpout", "node_vmstat_pgfault", "node_vmstat_pgmajfault",
                                      "node_vmstat_oom_kill"}));
  const MetricFamily* pgfault = find_family(families, "node_vmstat_pgfault");
  EXPECT_EQ(pgfault->type, MetricType::kUntyped);
  EXPECT_EQ(pgfault->help, "/proc/vmstat information field pgfault.");
  EXPECT_EQ(pgfault->series.at(0).scalar(), 2517836.0);
  EXPECT_EQ(find_value(families, "node_vmstat_oom_kill", ""), 2.0);
}

TEST(VmstatCollector, TheFieldsFlagChoosesOtherFields) {
  auto collector =
      make_collector("vmstat", test::fixture_roots("edge/vmstat-fields"), nullptr, {{"fields", "^nr_"}});
  const auto families = collect(*collector);
  EXPECT_EQ(test::family_names(families),
            (std::vector<std::string>{"node_vmstat_nr_free_pages", "node_vmstat_nr_zone_write_pending"}));
  EXPECT_EQ(find_value(families, "node_vmstat_nr_zone_write_pending", ""), -3.0);
  EXPECT_THROW(make_collector("vmstat", test::fixture_roots("edge/vmstat-fields"), nullptr, {{"fields", "(("}}),
               std::invalid_argument);
}

TEST(VmstatCollector, ReadsTheRecordedMachine) {
  auto collector = make_collector("vmstat", test::fixture_roots("linux-debian12"));
  const auto families = collect(*collector);
  EXPECT_NE(find_family(families, "node_vmstat_pgfault"), nullptr);
  EXPECT_NE(find_family(families, "node_vmstat_oom_kill"), nullptr);
  EXPECT_EQ(find_family(families, "node_vmstat_nr_free_pages"), nullptr);
}

TEST(VmstatCollector, ABrokenFileFailsTheCollector) {
  std::vector<MetricFamily> families;
  auto truncated = make_collector("vmstat", test::fixture_roots("edge/truncated"));
  EXPECT_THROW(truncated->collect(families), std::runtime_error);
}

}  // namespace
}  // namespace host_exporter::collectors
