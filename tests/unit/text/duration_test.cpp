#include "text/duration.hpp"

#include <gtest/gtest.h>

namespace host_exporter::text {
namespace {

using namespace std::chrono_literals;

TEST(Duration, GoStyleUnits) {
  EXPECT_EQ(parse_duration("2s"), std::chrono::nanoseconds(2s));
  EXPECT_EQ(parse_duration("500ms"), std::chrono::nanoseconds(500ms));
  EXPECT_EQ(parse_duration("1m"), std::chrono::nanoseconds(1min));
  EXPECT_EQ(parse_duration("1h"), std::chrono::nanoseconds(1h));
  EXPECT_EQ(parse_duration("1m30s"), std::chrono::nanoseconds(90s));
  EXPECT_EQ(parse_duration("1.5h"), std::chrono::nanoseconds(5400s));
  EXPECT_EQ(parse_duration("1.5s"), std::chrono::nanoseconds(1500ms));
  EXPECT_EQ(parse_duration(".5s"), std::chrono::nanoseconds(500ms));
  EXPECT_EQ(parse_duration("250us"), std::chrono::nanoseconds(250us));
  EXPECT_EQ(parse_duration("250\xC2\xB5s"), std::chrono::nanoseconds(250us));
  EXPECT_EQ(parse_duration("3000000ns"), std::chrono::nanoseconds(3ms));
  EXPECT_EQ(parse_duration("1h2m3s4ms5us6ns"), std::chrono::nanoseconds(3723004005006));
  EXPECT_EQ(parse_duration("0"), std::chrono::nanoseconds(0));
}

TEST(Duration, RefusesWhatGoRefusesAndNegatives) {
  for (const char* bad : {"", "2", "s", "-1s", "+1s", "2x", "1m30", "5s3", "one second", "1 s", "1.2.3s", "1e3s",
                          "infs", "nanms", ".s", "999999999h"}) {
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace host_exporter::text
