#include <gtest/gtest.h>

#include <thread>
#include <unordered_set>

#include "ingest/push_store.hpp"
#include "family_lookup.hpp"
#include "push_store_fixture.hpp"

namespace host_exporter::ingest {
namespace {

using testing::find_family;
using testing::job_key;
using testing::ManualClock;
using testing::scrape;
using testing::scrape_text;
using testing::value_of;

constexpr auto kPut = PushMethod::kPut;
constexpr auto kPost = PushMethod::kPost;

class PushStoreTest : public ::testing::Test {
 protected:
  PushStoreOptions options() {
    PushStoreOptions o;
    o.clock = clock.function();
    return o;
  }
  ManualClock clock;
};

TEST_F(PushStoreTest, PutStoresTheSeriesWithTheGroupingLabels) {
  PushStore store(options());
  const auto result = store.push(job_key("batch", {{"zone", "eu"}}),
                                 "# HELP jobs_done Done.\n# TYPE jobs_done gauge\njobs_done{kind=\"a\"} 2\n", kPut);
  ASSERT_EQ(result.status, PushStatus::kStored) << result.reason;
  const auto out = scrape(store);
  EXPECT_EQ(value_of(out, "jobs_done", R"(instance="",job="batch",kind="a",zone="eu")"), 2);
  EXPECT_EQ(find_family(out, "jobs_done")->help, "Done.");
  EXPECT_EQ(value_of(out, "push_time_seconds", R"(instance="",job="batch",zone="eu")"), clock.seconds());
  EXPECT_EQ(value_of(out, "push_failure_time_seconds", R"(instance="",job="batch",zone="eu")"), 0);
}

TEST_F(PushStoreTest, GroupingLabelsOverrideTheSameLabelsInTheBody) {
  PushStore store(options());
  ASSERT_EQ(store.push(job_key("batch"), "x{job=\"other\",instance=\"h1\"} 1\n", kPut).status, PushStatus::kStored);
  EXPECT_EQ(value_of(scrape(store), "x", R"(instance="h1",job="batch")"), 1);
}

TEST_F(PushStoreTest, PushedFamilyWithoutHelpGetsOne) {
  PushStore store(options());
  store.push(job_key("batch"), "x 1\n", kPut);
  EXPECT_FALSE(find_family(scrape(store), "x")->help.empty());
}

TEST_F(PushStoreTest, PutReplacesTheWholeGroup) {
  PushStore store(options());
  store.push(job_key("batch"), "a 1\nb 2\n", kPut);
  store.push(job_key("batch"), "c 3\n", kPut);
  const auto out = scrape(store);
  EXPECT_EQ(find_family(out, "a"), nullptr);
  EXPECT_EQ(find_family(out, "b"), nullptr);
  EXPECT_EQ(value_of(out, "c", R"(instance="",job="batch")"), 3);
}

TEST_F(PushStoreTest, PostReplacesOnlyTheFamiliesItNames) {
  PushStore store(options());
  store.push(job_key("batch"), "a{x=\"1\"} 1\nb 2\n", kPut);
  store.push(job_key("batch"), "a{x=\"2\"} 5\n", kPost);
  const auto out = scrape(store);
  EXPECT_EQ(find_family(out, "a")->series.size(), 1u);
  EXPECT_EQ(value_of(out, "a", R"(instance="",job="batch",x="2")"), 5);
  EXPECT_EQ(value_of(out, "b", R"(instance="",job="batch")"), 2);
}

TEST_F(PushStoreTest, EmptyPutDeletesTheMetricsButKeepsTheGroupWithANewPushTime) {
  PushStore store(options());
  store.push(job_key("batch"), "a 1\n", kPut);
  clock.advance(std::chrono::seconds(10));
  ASSERT_EQ(store.push(job_key("batch"), "", kPut).status, PushStatus::kStored);
  const auto out = scrape(store);
  EXPECT_EQ(find_family(out, "a"), nullptr);
  EXPECT_EQ(store.group_count(), 1u);
  EXPECT_EQ(value_of(out, "push_time_seconds", R"(instance="",job="batch")"), clock.seconds());
}

TEST_F(PushStoreTest, EmptyPostOnlyUpdatesThePushTime) {
  PushStore store(options());
  store.push(job_key("batch"), "a 1\n", kPut);
  clock.advance(std::chrono::seconds(10));
  store.push(job_key("batch"), "", kPost);
  const auto out = scrape(store);
  EXPECT_EQ(value_of(out, "a", R"(instance="",job="batch")"), 1);
  EXPECT_EQ(value_of(out, "push_time_seconds", R"(instance="",job="batch")"), clock.seconds());
}

TEST_F(PushStoreTest, DeleteRemovesTheGroupAndAnUnknownGroupIsNoError) {
  PushStore store(options());
  store.push(job_key("batch"), "a 1\n", kPut);
  store.push(job_key("other"), "b 1\n", kPut);
  store.remove(job_key("batch"));
  store.remove(job_key("never-pushed"));
  const auto out = scrape(store);
  EXPECT_EQ(find_family(out, "a"), nullptr);
  EXPECT_EQ(value_of(out, "b", R"(instance="",job="other")"), 1);
  EXPECT_EQ(find_family(out, "push_time_seconds")->series.size(), 1u);
}

TEST_F(PushStoreTest, SamplesWithTimestampsAreRefusedAndNothingChanges) {
  PushStore store(options());
  store.push(job_key("batch"), "a 1\n", kPut);
  const auto pushed_at = clock.seconds();
  clock.advance(std::chrono::seconds(5));
  const auto result = store.push(job_key("batch"), "a 2\nb 3 1700000000000\n", kPut);
  EXPECT_EQ(result.status, PushStatus::kInvalid);
  EXPECT_NE(result.reason.find("must not have timestamps"), std::string::npos) << result.reason;
  EXPECT_NE(result.reason.find("line 2"), std::string::npos) << result.reason;
  const auto out = scrape(store);
  EXPECT_EQ(value_of(out, "a", R"(instance="",job="batch")"), 1);
  EXPECT_EQ(value_of(out, "push_time_seconds", R"(instance="",job="batch")"), pushed_at);
  EXPECT_EQ(value_of(out, "push_failure_time_seconds", R"(instance="",job="batch")"), clock.seconds());
}

TEST_F(PushStoreTest, ParseErrorsAreRefusedWithTheLine) {
  PushStore store(options());
  const auto result = store.push(job_key("batch"), "ok 1\nbroken{ 2\n", kPut);
  EXPECT_EQ(result.status, PushStatus::kInvalid);
  EXPECT_NE(result.reason.find("line 2"), std::string::npos) << result.reason;
  EXPECT_EQ(result.reason.find('\n'), std::string::npos) << "one line";
  EXPECT_EQ(find_family(scrape(store), "ok"), nullptr);
}

// Garbage keys would otherwise fill --push.max-groups, and real pushes would get 429.
TEST_F(PushStoreTest, RefusedPushToANewGroupCreatesNothing) {
  auto o = options();
  o.limits.max_groups = 1;
  PushStore store(o);
  for (int i = 0; i < 5; ++i) store.push(job_key("garbage" + std::to_string(i)), "a 1 123\n", kPut);
  store.push(job_key("big"), std::string(o.limits.max_body_bytes + 1, '#'), kPut);
  EXPECT_EQ(store.group_count(), 0u);
  EXPECT_EQ(find_family(scrape(store), "push_failure_time_seconds"), nullptr);
  EXPECT_EQ(store.push(job_key("batch"), "a 1\n", kPut).status, PushStatus::kStored);
}

TEST_F(PushStoreTest, ANameKeepsOneTypeAcrossAllGroups) {
  PushStore store(options());
  ASSERT_EQ(store.push(job_key("a"), "# TYPE shared gauge\nshared 1\n", kPut).status, PushStatus::kStored);
  const auto result = store.push(job_key("b"), "# TYPE shared counter\nshared 1\n", kPut);
  EXPECT_EQ(result.status, PushStatus::kInvalid);
  EXPECT_NE(result.reason.find("stored as gauge"), std::string::npos) << result.reason;
  // POST to another group is checked the same way.
  EXPECT_EQ(store.push(job_key("b"), "# TYPE shared untyped\nshared 1\n", kPost).status, PushStatus::kInvalid);
  // The only group holding it may change its type: its own family is replaced.
  EXPECT_EQ(store.push(job_key("a"), "# TYPE shared counter\nshared 2\n", kPut).status, PushStatus::kStored);
  EXPECT_EQ(store.push(job_key("a"), "# TYPE shared gauge\nshared 3\n", kPost).status, PushStatus::kStored);
  EXPECT_EQ(store.push(job_key("b"), "# TYPE shared gauge\nshared 4\n", kPut).status, PushStatus::kStored);
}

TEST_F(PushStoreTest, TypeFreedWhenTheLastGroupHoldingItGoes) {
  PushStore store(options());
  store.push(job_key("a"), "# TYPE shared gauge\nshared 1\n", kPut);
  store.remove(job_key("a"));
  EXPECT_EQ(store.push(job_key("b"), "# TYPE shared counter\nshared 1\n", kPut).status, PushStatus::kStored);
}

TEST_F(PushStoreTest, SeriesThatBecomeEqualOnceTheGroupingLabelsApplyAreDuplicates) {
  PushStore store(options());
  const auto result = store.push(job_key("batch"), "x{job=\"a\"} 1\nx{job=\"b\"} 2\n", kPut);
  EXPECT_EQ(result.status, PushStatus::kInvalid);
  EXPECT_NE(result.reason.find("duplicate series"), std::string::npos) << result.reason;
}

TEST_F(PushStoreTest, DuplicateSeriesInTheBodyAreRefused) {
  PushStore store(options());
  EXPECT_EQ(store.push(job_key("batch"), "x{a=\"1\"} 1\nx{a=\"1\"} 2\n", kPut).status, PushStatus::kInvalid);
}

TEST_F(PushStoreTest, SeriesAlreadyHeldByAnotherGroupAreDuplicates) {
  PushStore store(options());
  ASSERT_EQ(store.push(job_key("j"), "x{instance=\"i1\"} 1\n", kPut).status, PushStatus::kStored);
  const auto result = store.push(job_key("j", {{"instance", "i1"}}), "x 2\n", kPut);
  EXPECT_EQ(result.status, PushStatus::kInvalid);
  EXPECT_NE(result.reason.find("already holds it"), std::string::npos) << result.reason;
  // A different instance does not collide.
  EXPECT_EQ(store.push(job_key("j", {{"instance", "i2"}}), "x 2\n", kPut).status, PushStatus::kStored);
}

TEST_F(PushStoreTest, HistogramSampleNamesCannotBeTakenByOtherFamilies) {
  PushStore store(options());
  const std::string histogram =
      "# TYPE latency_seconds histogram\nlatency_seconds_bucket{le=\"1\"} 1\nlatency_seconds_bucket{le=\"+Inf\"} 2\n"
      "latency_seconds_sum 3\nlatency_seconds_count 2\n";
  ASSERT_EQ(store.push(job_key("a"), histogram, kPut).status, PushStatus::kStored);
  EXPECT_EQ(store.push(job_key("b"), "# TYPE latency_seconds_count gauge\nlatency_seconds_count 1\n", kPut).status,
            PushStatus::kInvalid);
  EXPECT_EQ(store.push(job_key("b"), "# TYPE latency_seconds_count gauge\nlatency_seconds_count 1\n" + histogram,
                       kPut).status,
            PushStatus::kInvalid);
  ASSERT_EQ(store.push(job_key("c"), "# TYPE size_bytes_sum gauge\nsize_bytes_sum 1\n", kPut).status,
            PushStatus::kStored);
  EXPECT_EQ(store.push(job_key("d"), "# TYPE size_bytes summary\nsize_bytes_sum 1\nsize_bytes_count 1\n", kPut).status,
            PushStatus::kInvalid);
}

TEST_F(PushStoreTest, PushedTimestampGaugesAreReplacedByTheStoreOwn) {
  PushStore store(options());
  store.push(job_key("batch"), "push_time_seconds 5\nother 1\n", kPut);
  EXPECT_EQ(value_of(scrape(store), "push_time_seconds", R"(instance="",job="batch")"), clock.seconds());
}

TEST_F(PushStoreTest, SameFamilyInSeveralGroupsIsOneFamilyInTheScrape) {
  PushStore store(options());
  store.push(job_key("a"), "# HELP q Queue.\n# TYPE q gauge\nq 1\n", kPut);
  store.push(job_key("b"), "# HELP q Other words.\n# TYPE q gauge\nq 2\n", kPut);
  const std::string text = scrape_text(store);
  EXPECT_EQ(text.find("# TYPE q gauge"), text.rfind("# TYPE q gauge")) << text;
  EXPECT_EQ(find_family(scrape(store), "q")->series.size(), 2u);
}

TEST_F(PushStoreTest, OversizedBodyIsRefusedAndTheStoredGroupStays) {
  auto o = options();
  o.limits.max_body_bytes = 16;
  PushStore store(o);
  ASSERT_EQ(store.push(job_key("batch"), "a 1\n", kPut).status, PushStatus::kStored);
  const auto result = store.push(job_key("batch"), "a 2\nbbbbbbbbbbbbbbbbbbbbbbbb 1\n", kPut);
  EXPECT_EQ(result.status, PushStatus::kBodyTooLarge);
  EXPECT_NE(result.reason.find("--push.max-bytes"), std::string::npos);
  EXPECT_EQ(value_of(scrape(store), "a", R"(instance="",job="batch")"), 1);
}

TEST_F(PushStoreTest, TooManySeriesInAGroupIsRefusedAndTheStoredGroupStays) {
  auto o = options();
  o.limits.max_series_per_group = 3;
  PushStore store(o);
  ASSERT_EQ(store.push(job_key("batch"), "a{i=\"1\"} 1\na{i=\"2\"} 1\nb 1\n", kPut).status, PushStatus::kStored);
  EXPECT_EQ(store.push(job_key("batch"), "c{i=\"1\"} 1\nc{i=\"2\"} 1\nc{i=\"3\"} 1\nc{i=\"4\"} 1\n", kPut).status,
            PushStatus::kTooManySeries);
  // POST keeps a and b (3 series): one more is one too many...
  EXPECT_EQ(store.push(job_key("batch"), "c 1\n", kPost).status, PushStatus::kTooManySeries);
  // ...but replacing b by one series keeps the count at 3.
  EXPECT_EQ(store.push(job_key("batch"), "b{new=\"1\"} 2\n", kPost).status, PushStatus::kStored);
  const auto out = scrape(store);
  EXPECT_EQ(find_family(out, "a")->series.size(), 2u);
  EXPECT_EQ(find_family(out, "c"), nullptr);
}

TEST_F(PushStoreTest, TooManyGroupsIsRefusedUntilOneGoes) {
  auto o = options();
  o.limits.max_groups = 2;
  PushStore store(o);
  store.push(job_key("a"), "x{g=\"a\"} 1\n", kPut);
  store.push(job_key("b"), "x{g=\"b\"} 1\n", kPut);
  const auto result = store.push(job_key("c"), "x{g=\"c\"} 1\n", kPut);
  EXPECT_EQ(result.status, PushStatus::kTooManyGroups);
  EXPECT_NE(result.reason.find("--push.max-groups"), std::string::npos);
  EXPECT_EQ(store.group_count(), 2u) << "a refused new group is not created, not even for its failure time";
  EXPECT_EQ(store.push(job_key("a"), "x{g=\"a\"} 2\n", kPut).status, PushStatus::kStored) << "existing groups still push";
  store.remove(job_key("b"));
  EXPECT_EQ(store.push(job_key("c"), "x{g=\"c\"} 1\n", kPut).status, PushStatus::kStored);
}

TEST_F(PushStoreTest, GroupsExpireAfterTheTtlWithoutAPush) {
  auto o = options();
  o.ttl = std::chrono::minutes(1);
  PushStore store(o);
  store.push(job_key("old"), "a 1\n", kPut);
  clock.advance(std::chrono::seconds(30));
  store.push(job_key("fresh"), "b 1\n", kPut);
  clock.advance(std::chrono::seconds(29));
  EXPECT_TRUE(find_family(scrape(store), "a"));
  clock.advance(std::chrono::seconds(1));  // old: 60 s since its push
  auto out = scrape(store);
  EXPECT_EQ(find_family(out, "a"), nullptr) << "a scrape already leaves it out";
  EXPECT_TRUE(find_family(out, "b"));
  EXPECT_EQ(find_family(out, "push_time_seconds")->series.size(), 1u);
  EXPECT_EQ(store.expire(), 1u);
  EXPECT_EQ(store.group_count(), 1u);
  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(store.expire(), 1u);
  EXPECT_EQ(store.group_count(), 0u);
}

TEST_F(PushStoreTest, WithoutTtlGroupsStayForEver) {
  PushStore store(options());
  store.push(job_key("old"), "a 1\n", kPut);
  clock.advance(std::chrono::hours(24 * 365));
  EXPECT_EQ(store.expire(), 0u);
  EXPECT_TRUE(find_family(scrape(store), "a"));
}

TEST_F(PushStoreTest, ExpiredGroupNoLongerConstrainsTypes) {
  auto o = options();
  o.ttl = std::chrono::minutes(1);
  PushStore store(o);
  store.push(job_key("old"), "# TYPE shared gauge\nshared 1\n", kPut);
  clock.advance(std::chrono::minutes(2));
  EXPECT_EQ(store.push(job_key("new"), "# TYPE shared counter\nshared 1\n", kPut).status, PushStatus::kStored);
}

// Pushers replace their group with N series that all carry the same value; a
// scrape must never see a group half replaced, nor a name twice.
TEST_F(PushStoreTest, ConcurrentPushesAndScrapesSeeWholeGroups) {
  PushStore store(options());
  constexpr int kPushers = 4;
  constexpr int kSeries = 50;
  std::atomic<bool> stop{false};
  std::vector<std::thread> pushers;
  std::atomic<int> refused{0};
  for (int p = 0; p < kPushers; ++p) {
    pushers.emplace_back([&, p] {
      for (int round = 1; round <= 300; ++round) {
        std::string body = "# TYPE work gauge\n";
        for (int i = 0; i < kSeries; ++i) {
          body += "work{i=\"" + std::to_string(i) + "\"} " + std::to_string(round) + "\n";
        }
        const auto method = round % 2 == 0 ? kPut : kPost;
        if (store.push(job_key("pusher" + std::to_string(p)), body, method).status != PushStatus::kStored) ++refused;
      }
    });
  }
  int inconsistent = 0;
  std::thread scraper([&] {
    while (!stop.load()) {
      const auto out = scrape(store);
      std::unordered_set<std::string> names;
      for (const auto& family : out) {
        if (!names.insert(family.name).second) ++inconsistent;
      }
      const MetricFamily* work = find_family(out, "work");
      if (work == nullptr) continue;
      std::map<std::string, std::vector<double>> by_job;
      for (const auto& series : work->series) {
        const auto job_at = series.labels.find("job=\"");
        by_job[series.labels.substr(job_at, series.labels.find('"', job_at + 5) - job_at)].push_back(series.scalar());
      }
      for (const auto& [job, values] : by_job) {
        if (values.size() != kSeries) ++inconsistent;
        for (double v : values) {
          if (v != values.front()) ++inconsistent;
        }
      }
    }
  });
  for (auto& t : pushers) t.join();
  stop = true;
  scraper.join();
  EXPECT_EQ(refused.load(), 0);
  EXPECT_EQ(inconsistent, 0);
  EXPECT_EQ(find_family(scrape(store), "work")->series.size(), static_cast<std::size_t>(kPushers * kSeries));
}

}  // namespace
}  // namespace host_exporter::ingest
