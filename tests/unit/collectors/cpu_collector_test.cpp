// The cpu collector: node_cpu_seconds_total / node_cpu_guest_seconds_total as
// node_exporter exports them (monotonic across hotplug), and btop's utilisation
// ratios computed by the sampler over successive /proc/stat states.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "collectors/cpu.hpp"
#include "collectors/cpu_utilization.hpp"
#include "collectors/host_collector.hpp"
#include "host_collector_harness.hpp"
#include "rate_fixture_tree.hpp"

namespace host_exporter::collectors {
namespace {

using test::collect;
using test::find_family;
using test::find_value;
using test::builtin_definition_create;
using test::make_collector;

const std::string kUser0 = R"(cpu="0",mode="user")";
const std::string kIdle0 = R"(cpu="0",mode="idle")";
const std::string kIowait0 = R"(cpu="0",mode="iowait")";
const std::string kUser1 = R"(cpu="1",mode="user")";
const std::string kIdle1 = R"(cpu="1",mode="idle")";

TEST(CpuCollector, ExportsEveryModePerCpuInSeconds) {
  auto collector = make_collector("cpu", test::fixture_roots("edge/cpu-hotplug/t0"));
  const auto families = collect(*collector);
  const MetricFamily* seconds = find_family(families, "node_cpu_seconds_total");
  ASSERT_NE(seconds, nullptr);
  EXPECT_EQ(seconds->type, MetricType::kCounter);
  EXPECT_EQ(seconds->help, "Seconds the CPUs spent in each mode.");
  ASSERT_EQ(seconds->series.size(), 16u);  // 2 CPUs x 8 modes; the aggregate line is not exported
  EXPECT_EQ(seconds->series[0].labels, kUser0);
  const char* modes[] = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
  for (int m = 0; m < 8; ++m) {
    EXPECT_EQ(seconds->series[static_cast<std::size_t>(m)].labels,
              std::string(R"(cpu="0",mode=")") + modes[m] + "\"");
  }
  // t0 cpu0: 600 50 300 3900 100 5 20 0 ticks at USER_HZ 100.
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kUser0), 6.0);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", R"(cpu="0",mode="nice")"), 0.5);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", R"(cpu="0",mode="system")"), 3.0);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kIdle0), 39.0);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kIowait0), 1.0);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", R"(cpu="0",mode="irq")"), 0.05);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", R"(cpu="0",mode="softirq")"), 0.2);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", R"(cpu="0",mode="steal")"), 0.0);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kIdle1), 41.0);
}

TEST(CpuCollector, GuestTimeIsExportedSeparatelyAndNotSubtracted) {
  auto collector = make_collector("cpu", test::fixture_roots("edge/stat-guest"));
  const auto families = collect(*collector);
  // user 2000 ticks includes guest 400: node_exporter leaves user at 20 s.
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kUser0), 20.0);
  const MetricFamily* guest = find_family(families, "node_cpu_guest_seconds_total");
  ASSERT_NE(guest, nullptr);
  EXPECT_EQ(guest->type, MetricType::kCounter);
  EXPECT_EQ(find_value(families, "node_cpu_guest_seconds_total", kUser0), 4.0);
  EXPECT_EQ(find_value(families, "node_cpu_guest_seconds_total", R"(cpu="0",mode="nice")"), 0.3);
}

TEST(CpuCollector, KernelsWithoutGuestColumnsReportZeroGuestTime) {
  auto collector = make_collector("cpu", test::fixture_roots("edge/stat-no-guest"));
  const auto families = collect(*collector);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", R"(cpu="0",mode="steal")"), 0.05);
  EXPECT_EQ(find_value(families, "node_cpu_guest_seconds_total", kUser0), 0.0);

  auto oldest = make_collector("cpu", test::fixture_roots("edge/stat-four-columns"));
  const auto four = collect(*oldest);
  EXPECT_EQ(find_value(four, "node_cpu_seconds_total", kIdle0), 500.0);
  EXPECT_EQ(find_value(four, "node_cpu_seconds_total", kIowait0), 0.0);
}

TEST(CpuCollector, TheGuestFlagTurnsTheGuestFamilyOff) {
  auto collector = make_collector("cpu", test::fixture_roots("edge/stat-guest"), nullptr, {{"guest", "false"}});
  const auto families = collect(*collector);
  EXPECT_EQ(find_family(families, "node_cpu_guest_seconds_total"), nullptr);
  EXPECT_NE(find_family(families, "node_cpu_seconds_total"), nullptr);
  EXPECT_THROW(make_collector("cpu", test::fixture_roots("edge/stat-guest"), nullptr, {{"guest", "maybe"}}),
               std::invalid_argument);
}

TEST(CpuCollector, CountersStayMonotonicAcrossHotplugAsNodeExporterKeepsThem) {
  test::RateFixtureTree tree;
  tree.use("edge/cpu-hotplug/t0", "stat");
  auto collector = make_collector("cpu", tree.roots());
  collect(*collector);

  // t1: cpu1's idle went back 11 s (>= 3 s): its cache restarts from the new values.
  tree.use("edge/cpu-hotplug/t1", "stat");
  auto families = collect(*collector);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kUser1), 1.0);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kIdle1), 30.0);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kUser0), 7.0);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kIowait0), 1.1);

  // t2: cpu0's iowait steps back 5 ticks (less than 3 s): the old value is kept.
  // cpu1 is offline: its series leave the output.
  tree.use("edge/cpu-hotplug/t2", "stat");
  families = collect(*collector);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kIowait0), 1.1);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kIdle0), 39.35);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kUser1), std::nullopt);
  EXPECT_EQ(find_family(families, "node_cpu_seconds_total")->series.size(), 8u);

  // t3: cpu1 back online, starting from its current counters.
  tree.use("edge/cpu-hotplug/t3", "stat");
  families = collect(*collector);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kUser1), 1.5);
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kIowait0), 1.1);  // 106 ticks < the kept 110
  EXPECT_EQ(find_value(families, "node_cpu_seconds_total", kUser0), 8.0);
}

TEST(CpuCollector, ABrokenStatFileFailsTheCollector) {
  auto truncated = make_collector("cpu", test::fixture_roots("edge/truncated"));
  std::vector<MetricFamily> families;
  EXPECT_THROW(truncated->collect(families), std::runtime_error);
  auto garbage = make_collector("cpu", test::fixture_roots("edge/garbage"));
  EXPECT_THROW(garbage->collect(families), std::runtime_error);
  auto missing = make_collector("cpu", test::fixture_roots("edge/does-not-exist"));
  EXPECT_THROW(missing->collect(families), std::runtime_error);
}

TEST(CpuCollector, ReadsTheRecordedMachine) {
  auto collector = make_collector("cpu", test::fixture_roots("linux-debian12"));
  const auto families = collect(*collector);
  const MetricFamily* seconds = find_family(families, "node_cpu_seconds_total");
  ASSERT_NE(seconds, nullptr);
  EXPECT_EQ(seconds->series.size() % 8, 0u);
  EXPECT_GE(seconds->series.size(), 8u);
  for (const auto& series : seconds->series) EXPECT_GE(series.scalar(), 0.0);
}

// ------------------------------------------------------------ btop's ratios

TEST(BusyRatio, IsBtopsFormula) {
  platform::CpuTimes before;
  platform::CpuTimes after;
  after.user = 100;
  after.nice = 0;
  after.system = 50;
  after.idle = 30;
  after.iowait = 10;  // idle
  after.irq = 3;      // busy
  after.softirq = 2;  // busy
  after.steal = 5;    // busy
  after.guest = 40;   // inside user: not counted again
  // total 200, idle 40, busy 160
  EXPECT_DOUBLE_EQ(*busy_ratio(before, after), 160.0 / 200.0);
  EXPECT_EQ(busy_ratio(after, after), std::nullopt);  // no time passed
  EXPECT_EQ(busy_ratio(after, before), std::nullopt);  // went backwards
  platform::CpuTimes idle_back = after;
  idle_back.idle = 20;
  idle_back.user = 200;  // total grows, idle shrinks: a hotplugged core
  EXPECT_EQ(busy_ratio(after, idle_back), std::nullopt);
}

class CpuUtilizationTest : public ::testing::Test {
 protected:
  CpuUtilizationTest() : sampler_(std::chrono::seconds(2)) {
    tree_.use("edge/cpu-hotplug/t0", "stat");
    collector_ = make_collector("cpu", tree_.roots(), &sampler_);
  }

  std::vector<MetricFamily> sample(const std::string& state) {
    tree_.use("edge/cpu-hotplug/" + state, "stat");
    sampler_.sample_now();
    return collect(*collector_);
  }

  test::RateFixtureTree tree_;
  Sampler sampler_;
  std::unique_ptr<Collector> collector_;
};

TEST_F(CpuUtilizationTest, NothingBeforeTheFirstSample) {
  const auto families = collect(*collector_);
  EXPECT_EQ(find_family(families, "host_cpu_utilization_ratio"), nullptr);
  EXPECT_EQ(find_family(families, "host_cpu_core_utilization_ratio"), nullptr);
  EXPECT_NE(find_family(families, "node_cpu_seconds_total"), nullptr);
}

TEST_F(CpuUtilizationTest, TheFirstSampleIsMeasuredFromBoot) {
  const auto families = sample("t0");
  const MetricFamily* total = find_family(families, "host_cpu_utilization_ratio");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->type, MetricType::kGauge);
  // cpu line: total 9800 ticks, idle+iowait 8200, busy 1600.
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_utilization_ratio", ""), 1600.0 / 9800.0);
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_core_utilization_ratio", R"(cpu="0")"), 975.0 / 4975.0);
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_core_utilization_ratio", R"(cpu="1")"), 625.0 / 4825.0);
}

TEST_F(CpuUtilizationTest, LaterWindowsUseTheDifferenceAndSkipAHotpluggedCore) {
  sample("t0");
  auto families = sample("t1");
  // cpu: d(total) 220, d(idle+iowait) 50.
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_utilization_ratio", ""), 170.0 / 220.0);
  // cpu0: d(total) 195, d(idle+iowait) 40.
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_core_utilization_ratio", R"(cpu="0")"), 155.0 / 195.0);
  // cpu1's counters went backwards: no value for this window rather than a spike.
  EXPECT_EQ(find_value(families, "host_cpu_core_utilization_ratio", R"(cpu="1")"), std::nullopt);

  // iowait moving into idle does not disturb the ratio: cpu0 was busy the whole window.
  families = sample("t2");
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_core_utilization_ratio", R"(cpu="0")"), 1.0);
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_utilization_ratio", ""), 146.0 / 221.0);
  EXPECT_EQ(find_value(families, "host_cpu_core_utilization_ratio", R"(cpu="1")"), std::nullopt);

  // cpu1 came back online: its first window starts now, so still no value for it.
  families = sample("t3");
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_core_utilization_ratio", R"(cpu="0")"), 61.0 / 77.0);
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_utilization_ratio", ""), 156.0 / 261.0);
  EXPECT_EQ(find_value(families, "host_cpu_core_utilization_ratio", R"(cpu="1")"), std::nullopt);
}

TEST_F(CpuUtilizationTest, AnUnreadableSampleHidesTheRatiosUntilTheNextGoodOne) {
  sample("t0");
  tree_.use("edge/truncated", "stat");
  sampler_.sample_now();
  std::vector<MetricFamily> families;
  EXPECT_THROW(collector_->collect(families), std::runtime_error);  // the counters fail too
  families = sample("t1");
  EXPECT_DOUBLE_EQ(*find_value(families, "host_cpu_utilization_ratio", ""), 170.0 / 220.0);
}

TEST_F(CpuUtilizationTest, TheWindowsEdgesAreTheInstantsOfItsTwoReads) {
  auto families = sample("t0");
  // The first window runs from boot: it has an end but no start.
  EXPECT_EQ(find_family(families, "host_cpu_window_start_timestamp_seconds"), nullptr);
  const auto first_end = find_value(families, "host_cpu_window_end_timestamp_seconds", "");
  ASSERT_TRUE(first_end.has_value());

  // An unreadable sample does not move the window's start: the next window
  // runs from the last good read.
  tree_.use("edge/truncated", "stat");
  sampler_.sample_now();
  families = sample("t1");
  EXPECT_EQ(find_value(families, "host_cpu_window_start_timestamp_seconds", ""), first_end);
  const auto second_end = find_value(families, "host_cpu_window_end_timestamp_seconds", "");
  ASSERT_TRUE(second_end.has_value());
  EXPECT_GE(*second_end, *first_end);

  families = sample("t2");
  EXPECT_EQ(find_value(families, "host_cpu_window_start_timestamp_seconds", ""), second_end);
}

// cpu and stat read /proc/stat once per scrape between them (the scrape's context holds the
// reading), and afresh for the next scrape.
TEST(ScrapeContext, OneReadOfProcStatPerScrapeAndAFreshOneForTheNext) {
  test::RateFixtureTree tree;
  tree.use("edge/cpu-hotplug/t0", "stat");
  std::unique_ptr<HostCollector> cpu = builtin_definition_create("cpu", tree.roots());
  std::unique_ptr<HostCollector> stat = builtin_definition_create("stat", tree.roots());
  const auto fill = [](HostCollector& collector, ScrapeContext& context) {
    exposition::Sink sink;
    collector.fill(context, sink);
    std::vector<MetricFamily> families;
    sink.to_families(families);
    return families;
  };
  {
    StandaloneScrape scrape;
    const auto cpu_families = fill(*cpu, scrape.context());
    tree.use("edge/cpu-hotplug/t1", "stat");  // changes in the middle of the scrape
    const auto stat_families = fill(*stat, scrape.context());
    EXPECT_EQ(find_value(cpu_families, "node_cpu_seconds_total", kUser0), 6.0);
    EXPECT_EQ(find_value(stat_families, "node_context_switches_total", ""), 987654.0);  // the scrape's reading
  }
  StandaloneScrape next;
  EXPECT_EQ(find_value(fill(*stat, next.context()), "node_context_switches_total", ""), 987754.0);
}

// The sampler thread writes the window while scrapes read it (run under ThreadSanitizer: the `tsan` label).
TEST(CpuSamplerConcurrency, SamplerThreadAndScrapesRunTogether) {
  test::RateFixtureTree tree;
  tree.use("edge/cpu-hotplug/t0", "stat");
  Sampler sampler(std::chrono::milliseconds(1));
  const auto collector = make_collector("cpu", tree.roots(), &sampler);
  sampler.start();
  std::vector<std::thread> scrapers;
  std::atomic<int> with_cpu_seconds{0};
  for (int t = 0; t < 3; ++t) {
    scrapers.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (find_family(collect(*collector), "node_cpu_seconds_total") != nullptr) ++with_cpu_seconds;
      }
    });
  }
  for (auto& scraper : scrapers) scraper.join();
  sampler.stop();
  EXPECT_EQ(with_cpu_seconds.load(), 300);
}

}  // namespace
}  // namespace host_exporter::collectors
