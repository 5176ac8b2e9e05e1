#include <gtest/gtest.h>

#include <filesystem>
#include <system_error>

#include "ingest/atomic_file.hpp"
#include "ingest/push_store.hpp"
#include "family_lookup.hpp"
#include "push_store_fixture.hpp"
#include "temp_directory.hpp"

namespace host_exporter::ingest {
namespace {

using testing::find_family;
using testing::job_key;
using testing::ManualClock;
using testing::read_all;
using testing::scrape;
using testing::scrape_text;
using testing::TempDirectory;
using testing::value_of;

std::vector<std::string> names_in(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class PushPersistenceTest : public ::testing::Test {
 protected:
  PushStoreOptions options(std::chrono::milliseconds interval = std::chrono::milliseconds(0)) {
    PushStoreOptions o;
    o.clock = clock.function();
    o.persistence_file = dir.file("push.json");
    o.persistence_interval = interval;
    return o;
  }
  ManualClock clock;
  TempDirectory dir;
};

const std::string kBody =
    "# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total{kind=\"a\\\"q\"} 3\n"
    "# TYPE latency_seconds histogram\nlatency_seconds_bucket{le=\"0.5\"} 1\nlatency_seconds_bucket{le=\"+Inf\"} 2\n"
    "latency_seconds_sum 0.75\nlatency_seconds_count 2\n"
    "# TYPE ratio gauge\nratio NaN\n";

TEST_F(PushPersistenceTest, GroupsSurviveARestart) {
  std::string before;
  {
    PushStore store(options());
    ASSERT_EQ(store.push(job_key("batch", {{"path", "/var/tmp"}}), kBody, PushMethod::kPut).status,
              PushStatus::kStored);
    clock.advance(std::chrono::seconds(3));
    store.push(job_key("batch", {{"path", "/var/tmp"}}), "x 1 5\n", PushMethod::kPost);  // refused: a failure time
    before = scrape_text(store);
  }
  clock.advance(std::chrono::hours(1));
  PushStore restarted(options());
  EXPECT_EQ(scrape_text(restarted), before);
  EXPECT_EQ(restarted.group_count(), 1u);
}

TEST_F(PushPersistenceTest, WriteThroughWritesBeforeThePushReturns) {
  PushStore store(options());
  store.push(job_key("batch"), "a 1\n", PushMethod::kPut);
  // Read the file while the store is alive (what a kill -9 would leave).
  PushStore reader(options());
  EXPECT_EQ(value_of(scrape(reader), "a", R"(instance="",job="batch")"), 1);
  store.remove(job_key("batch"));
  PushStore after_delete(options());
  EXPECT_EQ(after_delete.group_count(), 0u);
}

TEST_F(PushPersistenceTest, CoalescedWritesWaitForFlushOrStop) {
  PushStore store(options(std::chrono::hours(1)));
  store.start();
  store.push(job_key("batch"), "a 1\n", PushMethod::kPut);
  EXPECT_FALSE(std::filesystem::exists(dir.file("push.json"))) << "an hour has not passed";
  store.stop();
  EXPECT_TRUE(std::filesystem::exists(dir.file("push.json")));
  PushStore restarted(options());
  EXPECT_EQ(restarted.group_count(), 1u);
}

TEST_F(PushPersistenceTest, UnchangedStoreIsNotRewritten) {
  {
    PushStore store(options());
    store.push(job_key("batch"), "a 1\n", PushMethod::kPut);
  }
  std::filesystem::last_write_time(dir.file("push.json"), std::filesystem::file_time_type{});
  {
    PushStore store(options());
    EXPECT_TRUE(store.flush());
  }
  EXPECT_EQ(std::filesystem::last_write_time(dir.file("push.json")), std::filesystem::file_time_type{});
}

TEST_F(PushPersistenceTest, CorruptFileIsSetAsideAndTheStoreStartsEmpty) {
  dir.write("push.json", "{\"format\": \"host_exporter push groups\", \"version\": 1, \"groups\": [{\"lab");
  ::testing::internal::CaptureStderr();
  PushStore store(options());
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(store.group_count(), 0u);
  const std::string aside = "push.json.corrupt-" + std::to_string(clock.seconds());
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{aside});
  EXPECT_NE(log.find("level=error"), std::string::npos) << log;
  EXPECT_NE(log.find(aside), std::string::npos) << log;
  // The store works and writes a fresh file.
  store.push(job_key("batch"), "a 1\n", PushMethod::kPut);
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"push.json", aside}));
}

TEST_F(PushPersistenceTest, FileWithOneBadGroupLoadsTheOthersAndKeepsACopy) {
  {
    PushStore store(options());
    store.push(job_key("a"), "good 1\n", PushMethod::kPut);
    store.push(job_key("b"), "also_good 1\n", PushMethod::kPut);
  }
  std::string text = read_all(dir.file("push.json"));
  const auto at = text.find("also_good{");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, 10, "also_good{{");
  dir.write("push.json", text);
  ::testing::internal::CaptureStderr();
  PushStore store(options());
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(store.group_count(), 1u);
  const auto out = scrape(store);
  EXPECT_EQ(value_of(out, "good", R"(instance="",job="a")"), 1);
  EXPECT_EQ(find_family(out, "also_good"), nullptr);
  EXPECT_EQ(value_of(out, "host_exporter_push_persistence_skipped_groups"), 1);
  EXPECT_NE(log.find("group skipped"), std::string::npos) << log;
  const std::string copy = "push.json.corrupt-" + std::to_string(clock.seconds());
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"push.json", copy}));
}

TEST_F(PushPersistenceTest, GroupGivingANameASecondTypeIsSkipped) {
  dir.write("push.json", R"({"format": "host_exporter push groups", "version": 1, "groups": [
    {"labels": {"job": "a"}, "push_time_seconds": 1, "push_failure_time_seconds": 0, "last_request_seconds": 1,
     "families": [{"pushed_at_seconds": 1, "text": "# TYPE x gauge\nx{instance=\"\",job=\"a\"} 1\n"}]},
    {"labels": {"job": "b"}, "push_time_seconds": 1, "push_failure_time_seconds": 0, "last_request_seconds": 1,
     "families": [{"pushed_at_seconds": 1, "text": "# TYPE x counter\nx{instance=\"\",job=\"b\"} 1\n"}]}]})");
  ::testing::internal::CaptureStderr();
  PushStore store(options());
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(store.group_count(), 1u);
  EXPECT_EQ(value_of(scrape(store), "x", R"(instance="",job="a")"), 1);
  EXPECT_NE(log.find("has two types"), std::string::npos) << log;
}

// Times outside what a TimePoint holds were undefined behaviour (UBSan: 1e300 outside the range of long).
TEST_F(PushPersistenceTest, TimesThatAreNotUnixTimesSkipTheirGroup) {
  const std::string group_a = R"({"labels": {"job": "a"}, "push_time_seconds": 1, "push_failure_time_seconds": 0,
     "last_request_seconds": 1, "families": [{"pushed_at_seconds": 1, "text": "a{instance=\"\",job=\"a\"} 1\n"}]})";
  for (const std::string bad : {"1e300", "-1", "1e10", "-1e300"}) {
    for (const std::string field : {"push_time_seconds", "pushed_at_seconds"}) {
      std::string group_b = R"({"labels": {"job": "b"}, "push_time_seconds": 1, "push_failure_time_seconds": 0,
       "last_request_seconds": 1, "families": [{"pushed_at_seconds": 1, "text": "b{instance=\"\",job=\"b\"} 1\n"}]})";
      const auto at = group_b.find("\"" + field + "\": 1");
      ASSERT_NE(at, std::string::npos);
      group_b.replace(at, field.size() + 5, "\"" + field + "\": " + bad);
      dir.write("push.json", R"({"format": "host_exporter push groups", "version": 1, "groups": [)" + group_a + ", " +
                                 group_b + "]}");
      ::testing::internal::CaptureStderr();
      PushStore store(options());
      const std::string log = ::testing::internal::GetCapturedStderr();
      EXPECT_EQ(store.group_count(), 1u) << field << "=" << bad;
      EXPECT_NE(log.find("not a Unix time"), std::string::npos) << log;
    }
  }
}

TEST_F(PushPersistenceTest, LeftoverTemporaryFilesAreRemoved) {
  dir.write("push.json.tmp-AbC123", "half a write");
  dir.write("unrelated.tmp-x", "not ours");
  PushStore store(options());
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"unrelated.tmp-x"});
}

TEST_F(PushPersistenceTest, TtlCountsAcrossARestart) {
  auto with_ttl = options();
  with_ttl.ttl = std::chrono::minutes(10);
  {
    PushStore store(with_ttl);
    store.push(job_key("batch"), "a 1\n", PushMethod::kPut);
  }
  clock.advance(std::chrono::minutes(11));
  PushStore restarted(with_ttl);
  EXPECT_EQ(find_family(scrape(restarted), "a"), nullptr);
}

TEST(AtomicFile, ReplacesTheFileAndLeavesNoTemporary) {
  TempDirectory dir;
  write_file_atomically(dir.file("f"), "one");
  write_file_atomically(dir.file("f"), "two");
  EXPECT_EQ(read_all(dir.file("f")), "two");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"f"});
  EXPECT_EQ(read_file_if_exists(dir.file("missing")), std::nullopt);
}

TEST(AtomicFile, FailureNamesTheFileAndKeepsTheOldContent) {
  TempDirectory dir;
  EXPECT_THROW(write_file_atomically(dir.file("no/such/dir/f"), "x"), std::system_error);
  std::filesystem::create_directory(dir.file("target"));  // rename cannot replace a directory
  try {
    write_file_atomically(dir.file("target"), "x");
    ADD_FAILURE() << "expected an error";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find(dir.file("target")), std::string::npos) << e.what();
  }
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"target"});
}

TEST_F(PushPersistenceTest, WriteThroughFailureIsNotPersistedWithTheReasonAndCounted) {
  auto o = options();
  o.persistence_file = dir.file("missing-dir/push.json");
  PushStore store(o);
  ::testing::internal::CaptureStderr();
  const auto result = store.push(job_key("batch"), "a 1\n", PushMethod::kPut);
  const auto removed = store.remove(job_key("batch"));
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(result.status, PushStatus::kNotPersisted);
  EXPECT_NE(result.reason.find("missing-dir/push.json"), std::string::npos) << result.reason;
  EXPECT_EQ(result.reason.find('\n'), std::string::npos) << "one line";
  EXPECT_EQ(removed.status, PushStatus::kNotPersisted);
  EXPECT_NE(log.find("cannot write the push persistence file"), std::string::npos) << log;
  const auto out = scrape(store);
  EXPECT_EQ(value_of(out, "host_exporter_push_persistence_failures_total"), 2);
  EXPECT_EQ(value_of(out, "host_exporter_push_persistence_ok"), 0);
  EXPECT_FALSE(store.flush());
}

TEST_F(PushPersistenceTest, AcceptUnpersistedKeepsServingWithOnlyTheMetric) {
  auto o = options();
  o.persistence_file = dir.file("missing-dir/push.json");
  o.accept_unpersisted = true;
  PushStore store(o);
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(store.push(job_key("batch"), "a 1\n", PushMethod::kPut).status, PushStatus::kStored);
  ::testing::internal::GetCapturedStderr();
  const auto out = scrape(store);
  EXPECT_EQ(value_of(out, "a", R"(instance="",job="batch")"), 1);
  EXPECT_EQ(value_of(out, "host_exporter_push_persistence_failures_total"), 1);
  EXPECT_EQ(value_of(out, "host_exporter_push_persistence_ok"), 0);
}

TEST_F(PushPersistenceTest, DirectoryRemovedUnderAWriteThroughStoreAnswersNotPersisted) {
  TempDirectory state;
  auto o = options();
  o.persistence_file = state.file("push.json");
  PushStore store(o);
  ASSERT_EQ(store.push(job_key("batch"), "a 1\n", PushMethod::kPut).status, PushStatus::kStored);
  std::filesystem::remove_all(state.path());
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(store.push(job_key("batch"), "a 2\n", PushMethod::kPut).status, PushStatus::kNotPersisted);
  ::testing::internal::GetCapturedStderr();
  std::filesystem::create_directory(state.path());
  EXPECT_EQ(store.push(job_key("batch"), "a 3\n", PushMethod::kPut).status, PushStatus::kStored);
  EXPECT_EQ(value_of(scrape(store), "host_exporter_push_persistence_ok"), 1);
}

}  // namespace
}  // namespace host_exporter::ingest
