#include "platform/linux/self_process.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <vector>

namespace host_exporter::platform {
namespace {

// Recorded from this machine, with a command name made awkward on purpose.
constexpr const char* kStat =
    "4242 (host ) (exporter) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 9 0 "
    "123456 456789012 3456 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

TEST(SelfProcess, ParsesStatWithParenthesesInTheName) {
  const auto fields = parse_proc_stat(kStat);
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->utime_ticks, 250u);
  EXPECT_EQ(fields->stime_ticks, 75u);
  EXPECT_EQ(fields->starttime_ticks, 123456u);
  EXPECT_EQ(fields->vsize_bytes, 456789012u);
  EXPECT_EQ(fields->rss_pages, 3456u);
}

TEST(SelfProcess, RefusesTruncatedOrBrokenStat) {
  EXPECT_FALSE(parse_proc_stat("").has_value());
  EXPECT_FALSE(parse_proc_stat("4242 (x S 1 2 3").has_value());
  EXPECT_FALSE(parse_proc_stat("4242 (x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250").has_value());
  EXPECT_FALSE(parse_proc_stat("4242 (x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 2x0 75 0 0 20 0 9 0 1 2 3").has_value());
}

TEST(SelfProcess, ReadsThisProcess) {
  std::string error;
  const auto reading = read_self_process(error);
  ASSERT_TRUE(reading.has_value()) << error;
  EXPECT_GT(reading->resident_memory_bytes, 0);
  EXPECT_GE(reading->virtual_memory_bytes, reading->resident_memory_bytes);
  EXPECT_GE(reading->cpu_seconds, 0);
  ASSERT_TRUE(reading->open_fds.has_value());
  EXPECT_GE(*reading->open_fds, 3);  // stdin, stdout, stderr at least
  // Started in the past, and not before 2020.
  EXPECT_LE(reading->start_time_seconds, static_cast<double>(std::time(nullptr)) + 1);
  EXPECT_GT(reading->start_time_seconds, 1577836800);
}

TEST(SelfProcess, CountsEveryOpenDescriptor) {
  std::string error;
  const auto before = read_self_process(error);
  ASSERT_TRUE(before.has_value() && before->open_fds.has_value()) << error;
  std::vector<int> opened;
  for (int i = 0; i < 20; ++i) opened.push_back(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  const auto after = read_self_process(error);
  for (const int fd : opened) ::close(fd);
  ASSERT_TRUE(after.has_value() && after->open_fds.has_value()) << error;
  EXPECT_EQ(*after->open_fds, *before->open_fds + 20);
}

}  // namespace
}  // namespace host_exporter::platform
