#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "ingest/textfile_collector.hpp"
#include "family_lookup.hpp"
#include "temp_directory.hpp"

namespace host_exporter::ingest {
namespace {

using testing::count_families;
using testing::find_family;
using testing::TempDirectory;
using testing::value_of;

std::vector<MetricFamily> collect_from(const std::vector<TextfileDirectory>& directories) {
  TextfileCollector collector(directories);
  std::vector<MetricFamily> out;
  collector.collect(out);
  return out;
}

std::vector<MetricFamily> collect_dir(const std::string& path) { return collect_from({{path, true}}); }

double scrape_error(const std::vector<MetricFamily>& out) {
  return value_of(out, "node_textfile_scrape_error").value_or(-1);
}

TEST(TextfileCollector, ReadsEveryPromFileAndReportsMtimes) {
  TempDirectory dir;
  dir.write("a.prom", "# HELP app_jobs_total Jobs run.\n# TYPE app_jobs_total counter\napp_jobs_total 3\n");
  dir.write("b.prom", "app_up{site=\"x\"} 1\n");
  dir.write("notes.txt", "not metrics at all {\n");
  dir.write("b.prom.tmp", "half written");

  const auto out = collect_dir(dir.path());
  EXPECT_EQ(value_of(out, "app_jobs_total"), 3);
  EXPECT_EQ(find_family(out, "app_jobs_total")->type, MetricType::kCounter);
  EXPECT_EQ(find_family(out, "app_jobs_total")->help, "Jobs run.");
  EXPECT_EQ(value_of(out, "app_up", R"(site="x")"), 1);
  EXPECT_EQ(find_family(out, "app_up")->help, "Metric read from " + dir.file("b.prom"));
  EXPECT_EQ(find_family(out, "node_textfile_mtime_seconds")->series.size(), 2u);
  EXPECT_TRUE(value_of(out, "node_textfile_mtime_seconds", "file=\"" + dir.file("a.prom") + "\""));
  EXPECT_EQ(scrape_error(out), 0);
}

TEST(TextfileCollector, MtimeIsTheFileModificationTimeInWholeSeconds) {
  TempDirectory dir;
  dir.write("a.prom", "x 1\n");
  const auto when = std::chrono::sys_seconds(std::chrono::seconds(1'700'000'000)) + std::chrono::milliseconds(750);
  std::filesystem::last_write_time(dir.file("a.prom"), std::chrono::file_clock::from_sys(when));
  const auto out = collect_dir(dir.path());
  EXPECT_EQ(value_of(out, "node_textfile_mtime_seconds", "file=\"" + dir.file("a.prom") + "\""), 1'700'000'000);
}

TEST(TextfileCollector, FileWithASyntaxErrorIsSkippedWholeAndLogged) {
  TempDirectory dir;
  dir.write("good.prom", "good_metric 1\n");
  dir.write("bad.prom", "bad_first 1\nbad_second{oops 2\n");
  ::testing::internal::CaptureStderr();
  const auto out = collect_dir(dir.path());
  const std::string log = ::testing::internal::GetCapturedStderr();

  EXPECT_EQ(value_of(out, "good_metric"), 1);
  EXPECT_EQ(find_family(out, "bad_first"), nullptr) << "nothing of a bad file is kept";
  EXPECT_EQ(scrape_error(out), 1);
  EXPECT_EQ(find_family(out, "node_textfile_mtime_seconds")->series.size(), 1u) << "no mtime for the bad file";
  EXPECT_NE(log.find(dir.file("bad.prom")), std::string::npos) << log;
  EXPECT_NE(log.find("line=2"), std::string::npos) << log;
}

TEST(TextfileCollector, FileWithTimestampsIsRejected) {
  TempDirectory dir;
  dir.write("ts.prom", "# TYPE a gauge\na 1\nb{x=\"} 1\"} 2 1700000000000\n");
  ::testing::internal::CaptureStderr();
  const auto out = collect_dir(dir.path());
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(find_family(out, "a"), nullptr);
  EXPECT_EQ(find_family(out, "b"), nullptr);
  EXPECT_EQ(scrape_error(out), 1);
  EXPECT_NE(log.find("line=3"), std::string::npos) << log;
  EXPECT_NE(log.find("timestamp"), std::string::npos) << log;
}

TEST(TextfileCollector, SameFamilyInTwoFilesIsMergedUnderOneHelpAndType) {
  TempDirectory dir;
  dir.write("a.prom", "# HELP events_total Events.\n# TYPE events_total counter\nevents_total{file=\"a\"} 10\n");
  dir.write("b.prom", "# HELP events_total Events.\n# TYPE events_total counter\nevents_total{file=\"b\"} 30\n");
  dir.write("c.prom", "untyped_one 1\n");
  dir.write("d.prom", "untyped_one{x=\"2\"} 2\n");
  const auto out = collect_dir(dir.path());
  EXPECT_EQ(count_families(out, "events_total"), 1u);
  EXPECT_EQ(find_family(out, "events_total")->series.size(), 2u);
  EXPECT_EQ(find_family(out, "untyped_one")->help,
            "Metric read from " + dir.file("c.prom") + ", " + dir.file("d.prom"));
  EXPECT_EQ(scrape_error(out), 0);
}

TEST(TextfileCollector, DifferentHelpAcrossFilesKeepsTheFirstAndReportsAnError) {
  TempDirectory dir;
  dir.write("a.prom", "# HELP events_total A nice help message.\n# TYPE events_total counter\nevents_total{f=\"a\"} 10\n");
  dir.write("b.prom", "# HELP events_total A different one.\n# TYPE events_total counter\nevents_total{f=\"b\"} 30\n");
  ::testing::internal::CaptureStderr();
  const auto out = collect_dir(dir.path());
  const std::string log = ::testing::internal::GetCapturedStderr();
  ASSERT_NE(find_family(out, "events_total"), nullptr);
  EXPECT_EQ(find_family(out, "events_total")->help, "A nice help message.");
  EXPECT_EQ(find_family(out, "events_total")->series.size(), 1u);
  EXPECT_EQ(scrape_error(out), 1);
  EXPECT_NE(log.find("help"), std::string::npos);
  // Both files were read: each has its mtime.
  EXPECT_EQ(find_family(out, "node_textfile_mtime_seconds")->series.size(), 2u);
}

TEST(TextfileCollector, DifferentTypeAcrossFilesKeepsTheFirstAndReportsAnError) {
  TempDirectory dir;
  dir.write("a.prom", "# TYPE shared gauge\nshared 1\n");
  dir.write("b.prom", "# TYPE shared counter\nshared{x=\"1\"} 2\nother 5\n");
  const auto out = collect_dir(dir.path());
  EXPECT_EQ(count_families(out, "shared"), 1u);
  EXPECT_EQ(find_family(out, "shared")->type, MetricType::kGauge);
  EXPECT_EQ(find_family(out, "shared")->series.size(), 1u);
  EXPECT_EQ(value_of(out, "other"), 5) << "the rest of the second file is kept";
  EXPECT_EQ(scrape_error(out), 1);
}

TEST(TextfileCollector, DuplicateSeriesAcrossFilesKeepsTheFirst) {
  TempDirectory dir;
  dir.write("a.prom", "dup{k=\"v\"} 1\n");
  dir.write("b.prom", "dup{k=\"v\"} 2\ndup{k=\"w\"} 3\n");
  const auto out = collect_dir(dir.path());
  EXPECT_EQ(value_of(out, "dup", R"(k="v")"), 1);
  EXPECT_EQ(value_of(out, "dup", R"(k="w")"), 3);
  EXPECT_EQ(scrape_error(out), 1);
}

TEST(TextfileCollector, SeveralDirectoriesAreMerged) {
  TempDirectory one, two;
  one.write("a.prom", "from_one 1\n");
  two.write("a.prom", "from_two 2\n");
  const auto out = collect_from({{one.path(), true}, {two.path(), true}});
  EXPECT_EQ(value_of(out, "from_one"), 1);
  EXPECT_EQ(value_of(out, "from_two"), 2);
  EXPECT_EQ(find_family(out, "node_textfile_mtime_seconds")->series.size(), 2u);
}

TEST(TextfileCollector, MissingDirectoryIsAnErrorUnlessItIsTheDefaultOne) {
  TempDirectory dir;
  const std::string missing = dir.file("does-not-exist");
  ::testing::internal::CaptureStderr();
  const auto named = collect_from({{missing, true}});
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(scrape_error(named), 1);
  EXPECT_EQ(find_family(named, "node_textfile_mtime_seconds"), nullptr);
  EXPECT_NE(log.find(missing), std::string::npos);

  const auto by_default = collect_from({{missing, false}});
  EXPECT_EQ(scrape_error(by_default), 0);
  EXPECT_EQ(by_default.size(), 1u);
}

TEST(TextfileCollector, PathThatIsNotADirectoryIsAnError) {
  TempDirectory dir;
  dir.write("plain", "x 1\n");
  ::testing::internal::CaptureStderr();
  const auto out = collect_from({{dir.file("plain"), false}});
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(scrape_error(out), 1) << "only a missing default directory is quiet";
  EXPECT_NE(log.find("failed to read textfile directory"), std::string::npos) << log;
}

TEST(TextfileCollector, UnreadableDirectoryIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any directory";
  TempDirectory dir;
  const std::string locked = dir.file("locked");
  std::filesystem::create_directory(locked);
  std::filesystem::permissions(locked, std::filesystem::perms::none);
  const auto out = collect_dir(locked);
  std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
  EXPECT_EQ(scrape_error(out), 1);
}

TEST(TextfileCollector, UnreadableFileIsSkipped) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  TempDirectory dir;
  dir.write("secret.prom", "secret 1\n");
  dir.write("open.prom", "open 1\n");
  std::filesystem::permissions(dir.file("secret.prom"), std::filesystem::perms::none);
  const auto out = collect_dir(dir.path());
  EXPECT_EQ(find_family(out, "secret"), nullptr);
  EXPECT_EQ(value_of(out, "open"), 1);
  EXPECT_EQ(scrape_error(out), 1);
}

// A writer replaces the file by rename over and over (what write_to_textfile and
// `sponge`-style scripts do); every scrape must see one version whole: both
// samples come from the same write.
TEST(TextfileCollector, FileReplacedWhileBeingReadIsNeverTorn) {
  TempDirectory dir;
  auto version = [](int n) {
    std::string text = "# HELP gen Version.\n# TYPE gen gauge\n";
    for (int i = 0; i < 200; ++i) text += "gen{i=\"" + std::to_string(i) + "\"} " + std::to_string(n) + "\n";
    return text;
  };
  dir.write("live.prom", version(0));
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int n = 1; !stop.load(); ++n) {
      dir.write("live.prom.tmp", version(n));
      std::filesystem::rename(dir.file("live.prom.tmp"), dir.file("live.prom"));
    }
  });
  TextfileCollector collector({{dir.path(), true}});
  int torn = 0;
  int failed = 0;
  for (int scrape = 0; scrape < 300; ++scrape) {
    std::vector<MetricFamily> out;
    collector.collect(out);
    if (scrape_error(out) != 0) ++failed;
    const MetricFamily* gen = find_family(out, "gen");
    if (gen == nullptr || gen->series.size() != 200) {
      ++torn;
      continue;
    }
    for (const auto& series : gen->series) {
      if (series.scalar() != gen->series.front().scalar()) {
        ++torn;
        break;
      }
    }
  }
  stop = true;
  writer.join();
  EXPECT_EQ(torn, 0);
  EXPECT_EQ(failed, 0);
}

}  // namespace
}  // namespace host_exporter::ingest
