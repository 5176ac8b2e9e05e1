// Giving back the pages start-up touched: the program's read-only segments leave the resident
// set, and what it wrote (data, relocated constants) keeps its values.

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <string>

#include "platform/startup_pages.hpp"

namespace host_exporter::platform {
namespace {

// RssFile of /proc/self/status, in kB: the file-backed pages mapped, the program's text among them.
long resident_file_kb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "RssFile:") {
      status >> value;
      return value;
    }
  }
  return -1;
}

int written_at_start = 1;                              // .data
constexpr std::array<int, 4> kConstants = {2, 3, 5, 7};  // .rodata
const std::string* const kAllocated = new std::string("allocated");  // written once, at start
// Pointers in a constant table: in a position-independent program the loader relocates them
// (.data.rel.ro, then made read-only: PT_GNU_RELRO), so their pages are not the file's.
const char* const kRelocated[] = {"alpha", "beta"};

int sum_of_constants() {
  int sum = 0;
  for (int value : kConstants) sum += value;
  return sum;
}

TEST(StartupPages, ReadOnlySegmentsLeaveTheResidentSetAndWrittenDataStays) {
  written_at_start = 41;
  const long before = resident_file_kb();
  ASSERT_GT(before, 0);
  const std::size_t released = release_startup_pages();
  const long after = resident_file_kb();
  EXPECT_GT(released, 0u);
  EXPECT_LT(after, before);
  // The code and constants come back from the file; what was written was not touched.
  EXPECT_EQ(sum_of_constants(), 17);
  EXPECT_EQ(written_at_start, 41);
  EXPECT_EQ(*kAllocated, "allocated");
  EXPECT_EQ(std::string(kRelocated[0]) + kRelocated[1], "alphabeta");
  EXPECT_EQ(release_startup_pages(), released);  // the same segments, again: harmless
}

}  // namespace
}  // namespace host_exporter::platform
