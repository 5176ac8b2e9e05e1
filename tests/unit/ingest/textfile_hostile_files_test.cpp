// Files a clumsy user or an attacker with write access to the textfile directory
// can put there (issue 15): each is skipped whole, quickly, with
// node_textfile_scrape_error 1 and a log line that names it but never quotes it;
// the other files are still served.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "ingest/textfile_collector.hpp"
#include "family_lookup.hpp"
#include "temp_directory.hpp"

namespace host_exporter::ingest {
namespace {

using testing::find_family;
using testing::TempDirectory;
using testing::value_of;

struct Scrape {
  std::vector<MetricFamily> out;
  std::string log;
  double seconds = 0;
};

Scrape scrape(const std::string& directory, TextfileOptions options = {}) {
  TextfileCollector collector({{directory, true}}, options);
  Scrape result;
  ::testing::internal::CaptureStderr();
  const auto start = std::chrono::steady_clock::now();
  collector.collect(result.out);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.log = ::testing::internal::GetCapturedStderr();
  return result;
}

void expect_skipped_and_others_served(const Scrape& result, const std::string& file) {
  EXPECT_EQ(value_of(result.out, "good_metric"), 1) << "the other files are served";
  EXPECT_EQ(value_of(result.out, "node_textfile_scrape_error"), 1);
  EXPECT_NE(result.log.find(file), std::string::npos) << result.log;
  EXPECT_LT(result.seconds, 1.0);
}

void make_sparse(const std::string& path, off_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, size), 0) << "the temp filesystem refuses a sparse file of " << size << " bytes";
  ::close(fd);
}

TEST(TextfileHostileFiles, FifoIsSkippedWithoutBlocking) {
  TempDirectory dir;
  dir.write("good.prom", "good_metric 1\n");
  ASSERT_EQ(::mkfifo(dir.file("x.prom").c_str(), 0644), 0);
  const Scrape result = scrape(dir.path());
  expect_skipped_and_others_served(result, dir.file("x.prom"));
  EXPECT_NE(result.log.find("FIFO"), std::string::npos) << result.log;
}

TEST(TextfileHostileFiles, SymlinkIsNotFollowedAndNothingOfItsTargetIsLogged) {
  TempDirectory dir;
  TempDirectory elsewhere;
  // Would not parse, so a follower would log the parser's quote of it.
  elsewhere.write("secret", "root:SECRET_HASH_VALUE:19000:0:99999:7:::\n");
  dir.write("good.prom", "good_metric 1\n");
  std::filesystem::create_symlink(elsewhere.file("secret"), dir.file("secret.prom"));
  std::filesystem::create_symlink("/etc/shadow", dir.file("shadow.prom"));
  const Scrape result = scrape(dir.path());
  expect_skipped_and_others_served(result, dir.file("secret.prom"));
  EXPECT_NE(result.log.find(dir.file("shadow.prom")), std::string::npos) << result.log;
  EXPECT_EQ(result.log.find("SECRET_HASH_VALUE"), std::string::npos) << result.log;
  EXPECT_NE(result.log.find("symbolic link"), std::string::npos) << result.log;
}

TEST(TextfileHostileFiles, UnparsableFileIsLoggedByLineNeverByContent) {
  TempDirectory dir;
  dir.write("good.prom", "good_metric 1\n");
  dir.write("copied.prom", "ok_metric 1\nroot:SECRET_HASH_VALUE:19000:0:99999:7:::\n");
  const Scrape result = scrape(dir.path());
  expect_skipped_and_others_served(result, dir.file("copied.prom"));
  EXPECT_NE(result.log.find("line=2"), std::string::npos) << result.log;
  EXPECT_EQ(result.log.find("SECRET"), std::string::npos) << result.log;
  EXPECT_EQ(result.log.find("root"), std::string::npos) << result.log;
}

// Before: 1.5 GB took 12.5 s and 1.88 GB of memory; 200 GB threw bad_alloc and dropped every textfile metric.
void expect_sparse_file_refused_before_reading(off_t size) {
  TempDirectory dir;
  dir.write("good.prom", "good_metric 1\n");
  make_sparse(dir.file("big.prom"), size);
  const Scrape result = scrape(dir.path());
  expect_skipped_and_others_served(result, dir.file("big.prom"));
  EXPECT_NE(result.log.find("--collector.textfile.max-bytes"), std::string::npos) << result.log;
}

TEST(TextfileHostileFiles, SparseFileOf1_5GBIsRefusedBeforeReading) { expect_sparse_file_refused_before_reading(1'500'000'000); }

TEST(TextfileHostileFiles, SparseFileOf200GBIsRefusedBeforeReading) { expect_sparse_file_refused_before_reading(200'000'000'000); }

TEST(TextfileHostileFiles, FileOverTheCapIsSkipped) {
  TempDirectory dir;
  dir.write("good.prom", "good_metric 1\n");
  dir.write("long.prom", std::string(200, '#') + "\nlong_metric 1\n");
  TextfileOptions options;
  options.max_bytes = 100;
  const Scrape result = scrape(dir.path(), options);
  expect_skipped_and_others_served(result, dir.file("long.prom"));
  EXPECT_EQ(find_family(result.out, "long_metric"), nullptr);
}

TEST(TextfileHostileFiles, DirectoryNamedPromIsSkipped) {
  TempDirectory dir;
  dir.write("good.prom", "good_metric 1\n");
  std::filesystem::create_directory(dir.file("sub.prom"));
  expect_skipped_and_others_served(scrape(dir.path()), dir.file("sub.prom"));
}

TEST(TextfileHostileFiles, FilesLeftAfterTheDeadlineAreSkippedAsErrors) {
  TempDirectory dir;
  dir.write("a.prom", "a_metric 1\n");
  dir.write("b.prom", "b_metric 1\n");
  TextfileOptions options;
  options.timeout = std::chrono::milliseconds(0);  // passed before the first file
  const Scrape result = scrape(dir.path(), options);
  EXPECT_EQ(find_family(result.out, "a_metric"), nullptr);
  EXPECT_EQ(value_of(result.out, "node_textfile_scrape_error"), 1);
  EXPECT_NE(result.log.find("files=2"), std::string::npos) << result.log;
}

}  // namespace
}  // namespace host_exporter::ingest
