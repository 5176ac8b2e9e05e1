#include "cli/duration.hpp"

#include <gtest/gtest.h>

namespace host_exporter::cli {
namespace {

using std::chrono::milliseconds;

TEST(Duration, GoStyleUnits) {
  EXPECT_EQ(parse_duration("2s"), milliseconds(2000));
  EXPECT_EQ(parse_duration("500ms"), milliseconds(500));
  EXPECT_EQ(parse_duration("1m"), milliseconds(60000));
  EXPECT_EQ(parse_duration("1h"), milliseconds(3600000));
  EXPECT_EQ(parse_duration("1m30s"), milliseconds(90000));
  EXPECT_EQ(parse_duration("1.5s"), milliseconds(1500));
  EXPECT_EQ(parse_duration("2000us"), milliseconds(2));
  EXPECT_EQ(parse_duration("3000000ns"), milliseconds(3));
  EXPECT_EQ(parse_duration("0"), milliseconds(0));
}

TEST(Duration, RefusesWhatGoRefuses) {
  for (const char* bad : {"", "2", "s", "-1s", "2x", "1m30", "one second", "1 s", "1.2.3s"}) {
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  }
}

TEST(Duration, FormatsShortest) {
  EXPECT_EQ(format_duration(milliseconds(2000)), "2s");
  EXPECT_EQ(format_duration(milliseconds(500)), "500ms");
  EXPECT_EQ(format_duration(milliseconds(90000)), "1m30s");
  EXPECT_EQ(format_duration(milliseconds(3600000)), "1h");
  EXPECT_EQ(format_duration(milliseconds(0)), "0s");
}

}  // namespace
}  // namespace host_exporter::cli
