// The on-disk queue: what is appended survives a new process (a new queue on the same
// directory), whatever a crash left half-written; the cap drops the oldest first, counted.
#include "remote_write/write_ahead_queue.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../ingest/temp_directory.hpp"

namespace host_exporter::remote_write {
namespace {

namespace fs = std::filesystem;

class QueueDir : public ::testing::Test {
 protected:
  static BatchFile batch(std::uint32_t samples, std::size_t body_bytes, char fill) {
    return BatchFile{samples, std::string(body_bytes, fill)};
  }
  std::vector<std::string> files() const {  // the batch files, without the queue's lock file
    std::vector<std::string> names;
    for (const auto& item : fs::directory_iterator(dir)) {
      if (item.path().filename() != "lock") names.push_back(item.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  ingest::testing::TempDirectory temp;
  const std::string dir = temp.path();
  std::string error;
};

TEST_F(QueueDir, BatchesComeOutOldestFirstAndLeaveOnlyWhenRemoved) {
  WriteAheadQueue queue(dir, 1 << 20);
  ASSERT_TRUE(queue.append(batch(3, 100, 'a'), error)) << error;
  ASSERT_TRUE(queue.append(batch(5, 200, 'b'), error)) << error;
  EXPECT_EQ(queue.batches(), 2u);
  EXPECT_EQ(queue.bytes(), 2 * kBatchHeaderBytes + 300);

  auto first = queue.oldest();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->batch.samples, 3u);
  EXPECT_EQ(first->batch.body, std::string(100, 'a'));
  // Not removed yet (no 2xx): asked again, the same batch comes out.
  EXPECT_EQ(queue.oldest()->sequence, first->sequence);
  queue.remove(first->sequence);
  auto second = queue.oldest();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->batch.samples, 5u);
  queue.remove(second->sequence);
  EXPECT_FALSE(queue.oldest());
  EXPECT_EQ(queue.bytes(), 0u);
  EXPECT_TRUE(files().empty());
}

TEST_F(QueueDir, ARestartFindsEveryAppendedBatchAndKeepsTheOrder) {
  {
    WriteAheadQueue queue(dir, 1 << 20);
    for (std::uint32_t i = 1; i <= 3; ++i) ASSERT_TRUE(queue.append(batch(i, 10, 'x'), error));
    queue.oldest();  // in flight when the process dies: sent again after the restart
  }  // no remove, no clean shutdown needed: every append was on disk when it returned
  WriteAheadQueue reopened(dir, 1 << 20);
  EXPECT_EQ(reopened.batches(), 3u);
  for (std::uint32_t i = 1; i <= 3; ++i) {
    auto next = reopened.oldest();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->batch.samples, i);
    reopened.remove(next->sequence);
  }
  // New batches continue after the old sequence numbers.
  ASSERT_TRUE(reopened.append(batch(9, 10, 'y'), error));
  EXPECT_EQ(files(), std::vector<std::string>{"00000000000000000004.batch"});
}

TEST_F(QueueDir, ASecondQueueOnTheSameDirectoryIsRefusedUntilTheFirstIsGone) {
  {
    WriteAheadQueue first(dir, 1 << 20);
    ASSERT_TRUE(first.append(batch(1, 10, 'x'), error));
    try {
      WriteAheadQueue second(dir, 1 << 20);
      FAIL() << "a second queue took the same directory";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("in use"), std::string::npos) << e.what();
    }
    EXPECT_EQ(first.batches(), 1u);
  }
  WriteAheadQueue after(dir, 1 << 20);  // the lock went with the first queue
  EXPECT_EQ(after.batches(), 1u);
}

TEST_F(QueueDir, ATornWriteIsIgnoredAndTheGoodBatchesRemain) {
  {
    WriteAheadQueue queue(dir, 1 << 20);
    ASSERT_TRUE(queue.append(batch(2, 50, 'a'), error));
  }
  // What a crash in the middle of an append leaves: the temporary file, half written.
  std::ofstream(dir + "/00000000000000000002.batch.tmp") << "hxrwq001\x05";
  WriteAheadQueue reopened(dir, 1 << 20);
  EXPECT_EQ(reopened.batches(), 1u);
  EXPECT_EQ(files(), std::vector<std::string>{"00000000000000000001.batch"});
  EXPECT_EQ(reopened.drops().corrupt_batches.load(), 0u);
}

TEST_F(QueueDir, ACutShortOrCorruptBatchIsRemovedCountedAndTheNextOneSent) {
  {
    WriteAheadQueue queue(dir, 1 << 20);
    for (char fill : {'a', 'b', 'c'}) ASSERT_TRUE(queue.append(batch(1, 64, fill), error));
  }
  fs::resize_file(dir + "/00000000000000000001.batch", 30);  // cut short: found at open
  {
    std::fstream corrupt(dir + "/00000000000000000002.batch", std::ios::in | std::ios::out | std::ios::binary);
    corrupt.seekp(kBatchHeaderBytes + 10);
    corrupt.put('Z');  // same length, wrong CRC: found when read
  }
  WriteAheadQueue reopened(dir, 1 << 20);
  EXPECT_EQ(reopened.drops().corrupt_batches.load(), 1u);
  auto next = reopened.oldest();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->batch.body, std::string(64, 'c'));
  EXPECT_EQ(reopened.drops().corrupt_batches.load(), 2u);
  EXPECT_EQ(files(), std::vector<std::string>{"00000000000000000003.batch"});
}

TEST_F(QueueDir, AtTheCapTheOldestBatchesGoFirstAndTheirSamplesAreCounted) {
  const std::uint64_t one = kBatchHeaderBytes + 1000;
  WriteAheadQueue queue(dir, 3 * one);
  for (std::uint32_t i = 1; i <= 5; ++i) ASSERT_TRUE(queue.append(batch(i, 1000, 'q'), error));
  EXPECT_EQ(queue.batches(), 3u);
  EXPECT_LE(queue.bytes(), 3 * one);
  EXPECT_EQ(queue.drops().queue_full_samples.load(), 1u + 2u);
  EXPECT_EQ(queue.oldest()->batch.samples, 3u);
}

TEST_F(QueueDir, TheBatchBeingSentIsNotDroppedAtTheCap) {
  const std::uint64_t one = kBatchHeaderBytes + 1000;
  WriteAheadQueue queue(dir, 2 * one);
  ASSERT_TRUE(queue.append(batch(1, 1000, 'q'), error));
  ASSERT_TRUE(queue.append(batch(2, 1000, 'q'), error));
  const auto in_flight = queue.oldest();
  ASSERT_TRUE(queue.append(batch(3, 1000, 'q'), error));
  EXPECT_EQ(queue.drops().queue_full_samples.load(), 2u);  // the second batch went, not the first
  queue.remove(in_flight->sequence);
  EXPECT_EQ(queue.oldest()->batch.samples, 3u);
}

TEST_F(QueueDir, ADiskThatRefusesTheWriteDropsTheNewBatchCountedAndTheQueueRecovers) {
  const std::string sub = dir + "/q";
  WriteAheadQueue queue(sub, 1 << 20);
  ASSERT_TRUE(queue.append(batch(4, 10, 'a'), error));
  fs::rename(sub, dir + "/gone");  // every write now fails, as on a full or vanished disk
  EXPECT_FALSE(queue.append(batch(7, 10, 'b'), error));
  EXPECT_NE(error.find("cannot create"), std::string::npos) << error;
  EXPECT_EQ(queue.drops().write_failed_samples.load(), 7u);
  EXPECT_EQ(queue.batches(), 1u);
  fs::rename(dir + "/gone", sub);  // space is back
  ASSERT_TRUE(queue.append(batch(8, 10, 'c'), error)) << error;
  EXPECT_EQ(queue.batches(), 2u);
  EXPECT_EQ(queue.oldest()->batch.samples, 4u);
}

TEST_F(QueueDir, ABatchLargerThanTheWholeCapIsRefused) {
  WriteAheadQueue queue(dir, 100);
  EXPECT_FALSE(queue.append(batch(2, 200, 'x'), error));
  EXPECT_EQ(queue.drops().write_failed_samples.load(), 2u);
  EXPECT_TRUE(files().empty());
}

}  // namespace
}  // namespace host_exporter::remote_write
