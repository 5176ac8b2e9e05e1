// The sink's own behaviour: encoding a sink writes what encoding its families as
// MetricFamily values writes, and names_unique() stays right scrape after scrape (its
// shortcut compares with the last unique scrape's names).

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "exposition/format.hpp"
#include "exposition/sink.hpp"

namespace host_exporter::exposition {
namespace {

constexpr std::array<std::string_view, 2> kDeviceMode = {"device", "mode"};
constexpr std::array<std::string_view, 1> kName = {"name"};
constexpr FamilyDescriptor kSeconds{"node_test_seconds_total", "Seconds spent.", MetricType::kCounter, kDeviceMode};
constexpr FamilyDescriptor kLoad{"node_test_load", "Load with a \\ and\na newline.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kInfo{"node_test_info", "", MetricType::kGauge, kName};
constexpr FamilyDescriptor kEmpty{"node_test_empty", "Never sampled.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kLoadAgain{"node_test_load", "The same name again.", MetricType::kGauge, {}};

void fill(Sink& sink) {
  sink.begin(kSeconds);
  sink.sample({"sda", "read"}, 12345.67);
  sink.sample({"sda", "write"}, 0.001);
  sink.sample({"nvme0n1", "idle"}, 1e21);
  sink.sample({"quote\"back\\slash", "new\nline"}, -0.5);
  sink.single(kLoad, 0.3);
  sink.begin(kEmpty);
  sink.begin(kInfo);
  sink.sample({"nan"}, std::numeric_limits<double>::quiet_NaN());
  sink.sample({"inf"}, std::numeric_limits<double>::infinity());
  sink.sample({"-inf"}, -std::numeric_limits<double>::infinity());
  sink.sample({"long"}, 1.7976931348623157e308);
  sink.sample({"tiny"}, -4.9e-324);
  sink.sample_rendered("name=\"pre\"", 1000000);
  std::vector<MetricFamily> adopted = {{"adopted_total", "Taken whole.", MetricType::kCounter, {{"", 3.0, {}}}}};
  sink.take(adopted);
}

TEST(Sink, EncodesAsItsFamiliesEncode) {
  for (const Format format : {Format::kText004, Format::kOpenMetrics100}) {
    Sink sink;
    fill(sink);
    std::string from_sink = "kept ";
    encode(sink, format, from_sink);
    std::vector<MetricFamily> families;
    sink.to_families(families);
    std::string from_families = "kept ";
    encode(families, format, from_families);
    EXPECT_EQ(from_sink, from_families);
    EXPECT_NE(from_sink.find("node_test_seconds_total{device=\"sda\",mode=\"read\"} 12345.67\n"), std::string::npos)
        << from_sink;
    EXPECT_NE(from_sink.find("{device=\"quote\\\"back\\\\slash\",mode=\"new\\nline\"} -0.5\n"), std::string::npos);
    EXPECT_NE(from_sink.find("node_test_info{name=\"-inf\"} -Inf\n"), std::string::npos);
    EXPECT_NE(from_sink.find("node_test_info{name=\"pre\"} 1e+06\n"), std::string::npos);
    EXPECT_EQ(from_sink.find("node_test_empty"), std::string::npos);
  }
}

TEST(Sink, NamesUniqueScrapeAfterScrape) {
  Sink sink;
  for (int scrape = 0; scrape < 3; ++scrape) {
    fill(sink);
    EXPECT_TRUE(sink.names_unique()) << scrape;
    sink.clear();
  }
  // The same families and one more that repeats a name: not unique, though it starts as the last one did.
  fill(sink);
  sink.single(kLoadAgain, 1);
  EXPECT_FALSE(sink.names_unique());
  sink.clear();
  // As many families as the last unique scrape (five), the last one's name already taken.
  sink.single(kSeconds, 1);
  sink.single(kLoad, 2);
  sink.begin(kEmpty);
  sink.single(kInfo, 3);
  sink.single(kLoadAgain, 4);
  EXPECT_FALSE(sink.names_unique());
  sink.clear();
  fill(sink);
  EXPECT_TRUE(sink.names_unique());
}

TEST(Sink, AdoptedNamesCountToo) {
  Sink sink;
  fill(sink);
  EXPECT_TRUE(sink.names_unique());
  sink.clear();
  fill(sink);
  std::vector<MetricFamily> clash = {{"node_test_seconds_total", "", MetricType::kCounter, {{"", 1.0, {}}}}};
  sink.take(clash);
  EXPECT_FALSE(sink.names_unique());
}

}  // namespace
}  // namespace host_exporter::exposition
