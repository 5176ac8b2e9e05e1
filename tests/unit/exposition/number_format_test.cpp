#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>

#include "exposition/format.hpp"
#include "exposition/number_format.hpp"

namespace host_exporter::exposition {
namespace {

std::string render(double value) {
  std::string out;
  append_double(out, value);
  return out;
}

std::string seconds(std::int64_t milliseconds) {
  std::string out;
  append_milliseconds_as_seconds(out, milliseconds);
  return out;
}

std::string canonical(double value) {
  std::string out;
  append_canonical_label_number(out, value);
  return out;
}

TEST(AppendDouble, WritesTheShortestTextThatRoundTrips) {
  EXPECT_EQ(render(0.1 + 0.2), "0.30000000000000004");  // needs 17 digits
  EXPECT_EQ(render(0.1), "0.1");
  EXPECT_EQ(render(2.5), "2.5");
  EXPECT_EQ(render(-3.75), "-3.75");
  EXPECT_EQ(render(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(render(5e-324), "5e-324");  // smallest subnormal
  EXPECT_EQ(render(1e-05), "1e-05");
  EXPECT_EQ(render(1e21), "1e+21");
}

TEST(AppendDouble, WritesIntegersWithoutDecimalPoint) {
  EXPECT_EQ(render(0), "0");
  EXPECT_EQ(render(42), "42");
  EXPECT_EQ(render(-7), "-7");
  EXPECT_EQ(render(123456789012.0), "123456789012");
  EXPECT_EQ(render(9007199254740992.0), "9007199254740992");  // 2^53
}

TEST(AppendDouble, KeepsTheSignOfNegativeZero) { EXPECT_EQ(render(-0.0), "-0"); }

TEST(AppendDouble, WritesNonFiniteValuesAsPrometheusSpellsThem) {
  EXPECT_EQ(render(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(render(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(render(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(render(-std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(AppendDouble, RoundTripsRandomBitPatterns) {
  std::mt19937_64 random(20240601);
  for (int i = 0; i < 20000; ++i) {
    const double value = std::bit_cast<double>(random());
    if (!std::isfinite(value)) continue;
    const std::string text = render(value);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(std::strtod(text.c_str(), nullptr)), std::bit_cast<std::uint64_t>(value))
        << text;
  }
}

TEST(AppendDouble, Appends) {
  std::string out = "x=";
  append_double(out, 1.5);
  EXPECT_EQ(out, "x=1.5");
}

TEST(CanonicalLabelNumber, KeepsADecimalPointOnIntegralValues) {
  EXPECT_EQ(canonical(1), "1.0");
  EXPECT_EQ(canonical(0), "0.0");
  EXPECT_EQ(canonical(10), "10.0");
  EXPECT_EQ(canonical(0.25), "0.25");
  EXPECT_EQ(canonical(1e-05), "1e-05");
  EXPECT_EQ(canonical(1e6), "1e+06");
  EXPECT_EQ(canonical(std::numeric_limits<double>::infinity()), "+Inf");
}

TEST(MillisecondsAsSeconds, WritesExactDecimalSeconds) {
  EXPECT_EQ(seconds(0), "0");
  EXPECT_EQ(seconds(1000), "1");
  EXPECT_EQ(seconds(1500), "1.5");
  EXPECT_EQ(seconds(10), "0.01");
  EXPECT_EQ(seconds(1700000000123), "1700000000.123");
  EXPECT_EQ(seconds(-1), "-0.001");
  EXPECT_EQ(seconds(-1500), "-1.5");
  EXPECT_EQ(seconds(std::numeric_limits<std::int64_t>::min()), "-9223372036854775.808");
  EXPECT_EQ(seconds(std::numeric_limits<std::int64_t>::max()), "9223372036854775.807");
}

TEST(AppendInteger, WritesDecimal) {
  std::string out;
  append_integer(out, -1700000000123);
  EXPECT_EQ(out, "-1700000000123");
}

}  // namespace
}  // namespace host_exporter::exposition
