#include <gtest/gtest.h>

#include "exposition/format.hpp"
#include "ingest/family_merger.hpp"
#include "family_lookup.hpp"

namespace host_exporter::ingest {
namespace {

using testing::count_families;
using testing::find_family;
using testing::value_of;

MetricFamily gauge(std::string name, std::string help, std::vector<std::pair<std::string, double>> series) {
  MetricFamily family{std::move(name), std::move(help), MetricType::kGauge, {}};
  for (auto& [labels, value] : series) family.series.push_back({labels, value, {}});
  return family;
}

TEST(FamilyMerger, SameNameSameTypeBecomesOneFamily) {
  FamilyMerger merger(FamilyMerger::HelpRule::kFirstWins);
  EXPECT_EQ(merger.add(gauge("g", "first", {{"a=\"1\"", 1}})).result, FamilyMerger::Result::kAdded);
  const auto outcome = merger.add(gauge("g", "second", {{"a=\"2\"", 2}, {"a=\"1\"", 9}}));
  EXPECT_EQ(outcome.result, FamilyMerger::Result::kMerged);
  EXPECT_EQ(outcome.duplicate_series, 1u);
  const auto families = merger.take();
  ASSERT_EQ(families.size(), 1u);
  EXPECT_EQ(families[0].help, "first");
  EXPECT_EQ(value_of(families, "g", "a=\"1\""), 1) << "the first series wins";
  EXPECT_EQ(value_of(families, "g", "a=\"2\""), 2);
}

TEST(FamilyMerger, OtherTypeIsRefusedWhole) {
  FamilyMerger merger(FamilyMerger::HelpRule::kFirstWins);
  merger.add(gauge("g", "", {{"", 1}}));
  MetricFamily counter{"g", "", MetricType::kCounter, {{"x=\"1\"", 5.0, {}}}};
  EXPECT_EQ(merger.add(std::move(counter)).result, FamilyMerger::Result::kTypeConflict);
  EXPECT_EQ(merger.take()[0].series.size(), 1u);
}

TEST(FamilyMerger, MustMatchRefusesAnotherHelpButAcceptsNone) {
  FamilyMerger merger(FamilyMerger::HelpRule::kMustMatch);
  merger.add(gauge("g", "", {{"a=\"0\"", 0}}));
  EXPECT_EQ(merger.add(gauge("g", "known", {{"a=\"1\"", 1}})).result, FamilyMerger::Result::kMerged);
  EXPECT_EQ(merger.add(gauge("g", "", {{"a=\"2\"", 2}})).result, FamilyMerger::Result::kMerged);
  EXPECT_EQ(merger.add(gauge("g", "other", {{"a=\"3\"", 3}})).result, FamilyMerger::Result::kHelpConflict);
  const auto families = merger.take();
  EXPECT_EQ(families[0].help, "known");
  EXPECT_EQ(families[0].series.size(), 3u);
}

TEST(UniqueFamilyNames, CleanScrapeIsLeftAsItIs) {
  std::vector<MetricFamily> families{gauge("a", "A.", {{"", 1}}), gauge("b", "B.", {{"", 2}})};
  EXPECT_EQ(make_family_names_unique(families), 0u);
  ASSERT_EQ(families.size(), 2u);
  EXPECT_EQ(families[0].name, "a");
  EXPECT_EQ(families[1].name, "b");
}

TEST(UniqueFamilyNames, SameTypeWithoutDuplicatesMergesWithoutTheGauge) {
  std::vector<MetricFamily> families{gauge("a", "A.", {{"x=\"1\"", 1}}), gauge("a", "A.", {{"x=\"2\"", 2}})};
  EXPECT_EQ(make_family_names_unique(families), 0u);
  ASSERT_EQ(families.size(), 1u);
  EXPECT_EQ(families[0].series.size(), 2u);
}

// Host metrics first, then the textfile directory, then pushed groups: what a scrape gathers.
TEST(UniqueFamilyNames, SourcesSharingANameGiveOneContiguousFamily) {
  std::vector<MetricFamily> families{
      gauge("node_load1", "1m load average.", {{"", 0.5}}),
      gauge("app_queue_length", "Queue length.", {{"source=\"textfile\"", 3}}),
      gauge("unrelated", "U.", {{"", 1}}),
      gauge("app_queue_length", "Other help.", {{"instance=\"\",job=\"batch\"", 4}}),
      MetricFamily{"node_load1", "", MetricType::kCounter, {{"job=\"x\"", 1.0, {}}}},
      gauge("unrelated", "U.", {{"", 7}}),
  };
  EXPECT_EQ(make_family_names_unique(families), 2u);
  EXPECT_EQ(count_families(families, "app_queue_length"), 1u);
  EXPECT_EQ(find_family(families, "app_queue_length")->series.size(), 2u);
  EXPECT_EQ(find_family(families, "app_queue_length")->help, "Queue length.");
  EXPECT_EQ(count_families(families, "node_load1"), 1u);
  EXPECT_EQ(find_family(families, "node_load1")->type, MetricType::kGauge);
  EXPECT_EQ(value_of(families, "unrelated"), 1);
  EXPECT_EQ(value_of(families, "host_exporter_scrape_dropped_series"), 2);

  std::string text;
  exposition::encode(families, exposition::Format::kText004, text);
  EXPECT_EQ(text.find("# TYPE app_queue_length"), text.rfind("# TYPE app_queue_length"));
}

}  // namespace
}  // namespace host_exporter::ingest
