#include "ingest/textfile_writer_liveness.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "family_lookup.hpp"
#include "ingest/textfile_writer_mark.hpp"
#include "temp_directory.hpp"

namespace host_exporter::ingest {
namespace {

using testing::TempDirectory;
using testing::value_of;
using namespace std::chrono_literals;

// A procfs holding one process, 4242, started at tick 777, in pid namespace "pid:[1]".
class FakeProcfs {
 public:
  FakeProcfs() {
    std::filesystem::create_directories(root_.file("4242/ns"));
    root_.write("4242/stat", "4242 (my app) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 777 0 0");
    std::filesystem::create_directories(root_.file("self/ns"));
    std::filesystem::create_symlink("pid:[1]", root_.file("self/ns/pid"));
  }
  std::string path() const { return root_.path(); }

 private:
  TempDirectory root_;
};

class Liveness : public ::testing::Test {
 protected:
  // The clock `ahead` past now: files written now look that old.
  bool keep(const std::string& content, std::chrono::seconds ahead, std::optional<std::chrono::seconds> max_age = {}) {
    files_.write("app.prom", content);
    TextfileLiveness liveness({60s, max_age, procfs_.path()},
                              [ahead] { return std::chrono::system_clock::now() + ahead; });
    auto scrape = liveness.scrape();
    const bool kept = scrape.keep(files_.file("app.prom"));
    metrics_.clear();  // the last scrape's counts
    scrape.append_metrics(metrics_);
    return kept;
  }
  std::string marked(long pid, const std::string& start, const std::string& pid_namespace = "pid:[1]") const {
    return format_writer_mark({pid, start, pid_namespace}) + "rag_query_total 3\n";
  }

  FakeProcfs procfs_;
  TempDirectory files_;
  std::vector<MetricFamily> metrics_;
};

TEST_F(Liveness, KeepsTheFileOfARunningWriter) {
  EXPECT_TRUE(keep(marked(4242, "777"), 3600s));
  EXPECT_EQ(value_of(metrics_, "host_textfile_dropped_files", R"(reason="writer_gone")"), 0);
}

TEST_F(Liveness, DropsTheFileOfAGoneWriterAfterTheGrace) {
  EXPECT_TRUE(keep(marked(999, "5"), 30s)) << "within the grace: one last scrape";
  EXPECT_FALSE(keep(marked(999, "5"), 61s));
  EXPECT_EQ(value_of(metrics_, "host_textfile_dropped_files", R"(reason="writer_gone")"), 1);
}

TEST_F(Liveness, ARecycledPidIsNotTheWriter) {
  EXPECT_FALSE(keep(marked(4242, "12"), 120s));
}

TEST_F(Liveness, AWriterInAnotherPidNamespaceIsKept) {
  EXPECT_TRUE(keep(marked(999, "5", "pid:[2]"), 3600s));
}

TEST_F(Liveness, AOneShotExportStaysUnlessOlderThanMaxAge) {
  EXPECT_TRUE(keep("rag_query_total 3\n", 86400s));
  EXPECT_TRUE(keep("rag_query_total 3\n", 50s, 60s));
  EXPECT_FALSE(keep("rag_query_total 3\n", 61s, 60s));
  EXPECT_EQ(value_of(metrics_, "host_textfile_dropped_files", R"(reason="max_age")"), 1);
}

TEST(LivenessWithoutFiles, AddsNoFamily) {
  TextfileLiveness liveness;
  std::vector<MetricFamily> out;
  liveness.scrape().append_metrics(out);
  EXPECT_TRUE(out.empty());
}

TEST(WriterMark, RoundTripsAndIgnoresOtherComments) {
  const auto mark = parse_writer_mark(format_writer_mark({12, "345", "pid:[4026531836]"}));
  ASSERT_TRUE(mark);
  EXPECT_EQ(mark->pid, 12);
  EXPECT_EQ(mark->start, "345");
  EXPECT_EQ(mark->pid_namespace, "pid:[4026531836]");
  EXPECT_FALSE(parse_writer_mark("# HELP x y"));
  EXPECT_FALSE(parse_writer_mark("# host_exporter-writer pid=abc"));
}

TEST(WriterMark, ThisProcessIsRunning) {
  const auto self = this_process_mark();
  const auto seen = process_mark("/proc", self.pid);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->start, self.start);
  EXPECT_FALSE(self.start.empty());
}

}  // namespace
}  // namespace host_exporter::ingest
