// PromFileListing: a directory is listed again whenever its stat changed, and a listing is
// reused only once the directory had been seen unchanged for 2 s. The clock is the test's;
// the lister is the real one, counted.

#include <fcntl.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/prom_file_listing.hpp"
#include "temp_directory.hpp"

namespace host_exporter::ingest {
namespace {

using namespace std::chrono_literals;
using Names = std::vector<std::string>;

class PromFileListingTest : public ::testing::Test {
 protected:
  testing::TempDirectory directory_;
  std::chrono::steady_clock::time_point now_{};
  int listings_ = 0;
  PromFileListing listing_{directory_.path(), [this] { return now_; },
                           [this](const std::string& path, std::error_code& error) {
                             ++listings_;
                             return PromFileListing::list(path, error);
                           }};

  Names names() {
    std::error_code error;
    const auto names = listing_.names(error);
    EXPECT_FALSE(error) << error.message();
    return *names;
  }
  // Lists, then waits until the directory has been stable long enough for that listing to be reused.
  void list_until_trusted() {
    names();
    now_ += PromFileListing::kStableFor;
    names();
    const int before = listings_;
    names();
    ASSERT_EQ(listings_, before) << "not reused after " << PromFileListing::kStableFor.count() << " s";
  }
};

TEST_F(PromFileListingTest, ListsOnlyPromFilesSorted) {
  directory_.write("b.prom", "");
  directory_.write("a.prom", "");
  directory_.write(".prom", "");
  directory_.write("notes.txt", "");
  EXPECT_EQ(names(), (Names{"a.prom", "b.prom"}));
}

TEST_F(PromFileListingTest, ReusedOnlyOnceUnchangedFor2s) {
  directory_.write("a.prom", "");
  EXPECT_EQ(names(), (Names{"a.prom"}));
  EXPECT_EQ(listings_, 1);
  now_ += 1s;  // a change in this granule would not move the mtime: list again
  EXPECT_EQ(names(), (Names{"a.prom"}));
  EXPECT_EQ(listings_, 2);
  now_ += 1s;  // seen unchanged for 2 s: this listing is the last
  EXPECT_EQ(names(), (Names{"a.prom"}));
  EXPECT_EQ(listings_, 3);
  for (int i = 0; i < 5; ++i) {
    now_ += 1h;
    EXPECT_EQ(names(), (Names{"a.prom"}));
  }
  EXPECT_EQ(listings_, 3);
}

TEST_F(PromFileListingTest, AReusedListingIsSharedNotCopied) {
  directory_.write("a.prom", "");
  list_until_trusted();
  std::error_code error;
  const auto first = listing_.names(error);
  const auto second = listing_.names(error);
  EXPECT_EQ(first.get(), second.get());
}

TEST_F(PromFileListingTest, AChangeIsListedAtOnce) {
  directory_.write("a.prom", "");
  list_until_trusted();
  directory_.write("b.prom", "");
  EXPECT_EQ(names(), (Names{"a.prom", "b.prom"}));
  std::filesystem::remove(directory_.file("a.prom"));
  EXPECT_EQ(names(), (Names{"b.prom"}));
  std::filesystem::rename(directory_.file("b.prom"), directory_.file("c.prom"));
  EXPECT_EQ(names(), (Names{"c.prom"}));
}

TEST_F(PromFileListingTest, AnEntryAddedUnderAnUnchangedMtimeIsStillListedWhileFresh) {
  // The mtime put back by hand stands for a change in the granule of the one before; only
  // the ctime (which no one can set back) moves, as it does in the same granule.
  directory_.write("a.prom", "");
  EXPECT_EQ(names(), (Names{"a.prom"}));
  struct stat before {};
  ASSERT_EQ(::stat(directory_.path().c_str(), &before), 0);
  directory_.write("b.prom", "");
  const timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, directory_.path().c_str(), times, 0), 0);
  EXPECT_EQ(names(), (Names{"a.prom", "b.prom"}));
}

TEST_F(PromFileListingTest, AChmodIsSeen) {
  directory_.write("a.prom", "");
  list_until_trusted();
  const int before = listings_;
  ASSERT_EQ(::chmod(directory_.path().c_str(), 0700), 0);
  names();
  EXPECT_EQ(listings_, before + 1);
}

TEST_F(PromFileListingTest, AMissingDirectoryIsAnErrorEachTime) {
  PromFileListing missing(directory_.file("absent"), [this] { return now_; });
  for (int i = 0; i < 2; ++i) {
    std::error_code error;
    EXPECT_TRUE(missing.names(error)->empty());
    EXPECT_EQ(error, std::errc::no_such_file_or_directory);
    now_ += 10s;
  }
  ASSERT_EQ(::mkdir(directory_.file("absent").c_str(), 0755), 0);
  directory_.write("absent/x.prom", "");
  std::error_code error;
  EXPECT_EQ(*missing.names(error), (Names{"x.prom"}));
  EXPECT_FALSE(error) << error.message();
}

TEST_F(PromFileListingTest, AReplacedDirectoryIsListed) {
  directory_.write("a.prom", "");
  list_until_trusted();
  const std::string old_path = directory_.path() + ".old";
  ASSERT_EQ(::rename(directory_.path().c_str(), old_path.c_str()), 0);
  ASSERT_EQ(::mkdir(directory_.path().c_str(), 0755), 0);
  directory_.write("z.prom", "");
  EXPECT_EQ(names(), (Names{"z.prom"}));
  std::filesystem::remove_all(old_path);
}

}  // namespace
}  // namespace host_exporter::ingest
