// The small pieces under the storage and network collectors: device filters,
// Go-style durations and the counter-pair rate window.

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "collectors/counter_pair_rates.hpp"
#include "collectors/device_filter.hpp"
#include "collectors/device_labels.hpp"
#include "collectors/rate_source.hpp"
#include "collectors/diskstats.hpp"

namespace host_exporter::collectors {
namespace {

using namespace std::chrono_literals;

TEST(DeviceFilter, DefaultDiskExcludeDropsPartitionsAndVirtualDevices) {
  const DeviceFilter filter = DeviceFilter::from_flags(kDiskstatsDefaultExclude, kDiskstatsDefaultExclude, "", "d");
  for (const char* dropped : {"sda1", "vdb2", "xvda1", "hdc3", "nvme0n1p1", "loop0", "ram0", "zram0", "fd0"}) {
    EXPECT_TRUE(filter.ignored(dropped)) << dropped;
  }
  for (const char* kept : {"sda", "vda", "nvme0n1", "dm-0", "md0", "mmcblk0", "sr0"}) {
    EXPECT_FALSE(filter.ignored(kept)) << kept;
  }
}

TEST(DeviceFilter, SearchesUnanchoredLikeGo) {
  const DeviceFilter filter("eth", "", "n");
  EXPECT_TRUE(filter.ignored("veth12ab"));
  EXPECT_FALSE(filter.ignored("lo"));
  EXPECT_FALSE(DeviceFilter().ignored("anything"));
}

TEST(DeviceFilter, RefusesBadPatternsAndExplicitExcludeWithInclude) {
  EXPECT_THROW(DeviceFilter("(", "", "--x"), std::invalid_argument);
  EXPECT_THROW(DeviceFilter::from_flags("^sd", "^loop", "^nvme", "--x"), std::invalid_argument);
  const DeviceFilter include_only = DeviceFilter::from_flags("^loop", "^loop", "^loop", "--x");
  EXPECT_FALSE(include_only.ignored("loop0"));  // the default exclude stepped aside
  EXPECT_TRUE(include_only.ignored("sda"));
}

TEST(DeviceLabels, RendersOnceAndForgetsDevicesThatLeave) {
  DeviceLabels<> labels(DeviceFilter("^lo$", "", "n"));
  labels.begin_scrape();
  const auto* eth0 = labels.find("eth0");
  ASSERT_NE(eth0, nullptr);
  EXPECT_EQ(eth0->labels, R"(device="eth0")");
  EXPECT_EQ(labels.find("lo"), nullptr);
  EXPECT_EQ(labels.find("eth0"), eth0);  // the same text, not rendered again
  labels.end_scrape();
  labels.begin_scrape();
  EXPECT_EQ(labels.find("eth0"), eth0);
  labels.end_scrape();
  labels.begin_scrape();
  labels.end_scrape();  // eth0 gone for a scrape: forgotten
  labels.begin_scrape();
  EXPECT_EQ(labels.find("eth0")->labels, R"(device="eth0")");
  labels.end_scrape();
}

TEST(DeviceLabels, TellsWhenTheDeviceSetChanged) {
  DeviceLabels<int> labels(DeviceFilter("^lo$", "", "n"));
  labels.begin_scrape();
  labels.find("eth0")->state = 7;
  labels.find("lo");
  EXPECT_TRUE(labels.changed());  // everything is new
  labels.end_scrape();

  labels.begin_scrape();
  EXPECT_EQ(labels.find("eth0")->state, 7);  // kept with the labels
  labels.find("lo");
  EXPECT_FALSE(labels.changed());
  labels.end_scrape();

  labels.begin_scrape();
  labels.find("eth0");
  EXPECT_TRUE(labels.changed());  // lo left, even though it is filtered out
  labels.end_scrape();

  labels.begin_scrape();
  labels.find("eth0");
  EXPECT_FALSE(labels.changed());
  labels.find("wg0");
  EXPECT_TRUE(labels.changed());
  labels.end_scrape();
}

TEST(RateSource, FiltersDevicesAndForgetsTheWindowWhenTheSamplerFails) {
  bool fail = false;
  std::uint64_t eth0 = 1000;
  RateSource source("network", DeviceFilter("^lo$", "", "n"),
                    [&](CounterPairReadings& readings, std::string& error) {
                      if (fail) {
                        error = "gone";
                        return false;
                      }
                      readings.add("lo", 5, 5);
                      readings.add("eth0", eth0, 2 * eth0);
                      return true;
                    });
  std::vector<CounterPairRate> rates;
  const auto t0 = std::chrono::steady_clock::time_point(100s);
  source.take_sample(t0);
  source.copy_rates(rates);
  EXPECT_TRUE(rates.empty());  // one sample: no window yet

  eth0 = 3000;
  source.take_sample(t0 + 2s);
  source.copy_rates(rates);
  ASSERT_EQ(rates.size(), 1u);  // lo filtered out
  EXPECT_EQ(rates[0].key, "eth0");
  EXPECT_DOUBLE_EQ(rates[0].first_per_second, 1000.0);
  EXPECT_DOUBLE_EQ(rates[0].second_per_second, 2000.0);

  fail = true;
  source.take_sample(t0 + 4s);
  source.copy_rates(rates);
  EXPECT_TRUE(rates.empty());
  fail = false;
  source.take_sample(t0 + 6s);
  source.copy_rates(rates);
  EXPECT_TRUE(rates.empty());  // the window starts afresh after a failed read
}

TEST(CounterPairRates, DividesByTheWindowAndClampsResetsToZero) {
  CounterPairRates window;
  const auto t0 = std::chrono::steady_clock::time_point(100s);
  window.begin_sample(t0);
  window.add("a", 1000, 50);
  window.end_sample();
  EXPECT_TRUE(window.rates().empty());

  window.begin_sample(t0 + 500ms);
  window.add("a", 2000, 40);  // second counter went backwards
  window.end_sample();
  ASSERT_EQ(window.rates().size(), 1u);
  EXPECT_DOUBLE_EQ(window.rates()[0].first_per_second, 2000.0);
  EXPECT_DOUBLE_EQ(window.rates()[0].second_per_second, 0.0);

  window.begin_sample(t0 + 500ms);  // no time passed: no honest rate
  window.add("a", 3000, 60);
  window.end_sample();
  EXPECT_TRUE(window.rates().empty());

  window.reset();
  window.begin_sample(t0 + 2s);
  window.add("a", 9000, 90);
  window.end_sample();
  EXPECT_TRUE(window.rates().empty());  // a failed read starts the window over
}

TEST(CounterPairRates, AKeyThatMissesASampleStartsOver) {
  CounterPairRates window;
  const auto t0 = std::chrono::steady_clock::time_point(100s);
  window.begin_sample(t0);
  window.add("a", 0, 0);
  window.end_sample();
  window.begin_sample(t0 + 1s);
  window.end_sample();  // "a" missing
  window.begin_sample(t0 + 2s);
  window.add("a", 100, 100);
  window.end_sample();
  EXPECT_TRUE(window.rates().empty());
}

}  // namespace
}  // namespace host_exporter::collectors
