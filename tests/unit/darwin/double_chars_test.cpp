// The printf/strtod fallback of metrics/double_chars.hpp (used where libc++ lacks the
// floating-point to_chars/from_chars, as the macOS 12 SDK's) against std::to_chars and
// std::from_chars of this library: the same text for every value tried.

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "metrics/double_chars.hpp"

namespace host_exporter {
namespace {

std::string library_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string written_text(DoubleCharsResult (*write)(char*, char*, double), double value) {
  char buffer[64];
  const auto result = write(buffer, buffer + sizeof buffer, value);
  EXPECT_EQ(result.ec, std::errc());
  return std::string(buffer, result.ptr);
}

std::string fallback_text(double value) { return written_text(write_shortest_double_fallback, value); }
std::string shortest_text(double value) { return written_text(write_shortest_double, value); }

TEST(DoubleChars, FallbackWritesWhatToCharsWrites) {
  const double values[] = {0.0,     -0.0,   1.0,     -1.0,   0.1,    100000.0, 1e6,    123456789.0, 1e21, 1e22,
                           1.5e-7,  0.001,  1234.5,  2.5e10, 1e-300, 5e-324,   1.7976931348623157e308,
                           0.30000000000000004,      3.141592653589793,  -2.2250738585072014e-308, 65536.0,
                           1700000000.25, 16327540736.0, 0.6, 3542.4};
  for (const double value : values) EXPECT_EQ(fallback_text(value), library_text(value)) << value;
  std::mt19937_64 random(20240501);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t bits = random();
    double value;
    std::memcpy(&value, &bits, sizeof value);
    if (!std::isfinite(value)) continue;
    ASSERT_EQ(fallback_text(value), library_text(value)) << bits;
  }
  for (int i = 0; i < 5000; ++i) {
    const double value = static_cast<double>(random() % 100000000) / 1000.0;
    ASSERT_EQ(fallback_text(value), library_text(value)) << value;
  }
}

// write_shortest_double writes integers below 2^53 itself (the counters' fast path).
TEST(DoubleChars, IntegersAreWrittenAsToCharsWritesThem) {
  std::vector<double> values = {1, 9, 10, 11, 100, 1000, 10000, 100000, 120000, 1200000, 123000000,
                                9007199254740991.0, 9007199254740992.0, 9007199254740993.0, 4503599627370496.0,
                                999999999999999.0, 1e15, 1e16, 2669622, 17728000, 3000000000.0};
  for (double power = 1; power < 1e17; power *= 10) {
    for (const double near : {power - 1, power, power + 1, 2 * power, 25 * power}) values.push_back(near);
  }
  std::mt19937_64 random(20261126);
  for (int i = 0; i < 20000; ++i) {
    const int digits = 1 + static_cast<int>(random() % 16);
    values.push_back(static_cast<double>(random() % static_cast<std::uint64_t>(std::pow(10.0, digits))));
  }
  for (const double value : values) {
    ASSERT_EQ(shortest_text(value), library_text(value)) << value;
    ASSERT_EQ(shortest_text(-value), library_text(-value)) << -value;
  }
  EXPECT_EQ(shortest_text(0.0), "0");
  EXPECT_EQ(shortest_text(-0.0), "-0");
}

// ... and values of one to three decimals below 2^30 (seconds from ticks and milliseconds).
TEST(DoubleChars, ShortDecimalsAreWrittenAsToCharsWritesThem) {
  std::vector<double> values = {0.1,   0.5,   0.01,  0.001,  0.0001, 0.25,      0.125,      0.3,    0.7,     1.5,
                                12.34, 99.99, 0.999, 1e-3,   2e-3,   123456.78, 1073741823.5, 1073741824.5,
                                1073741823.999, 536870911.875, 0.30000000000000004, 1.0 / 3, 1e6, 1e7,
                                1700000000.25,  1765000000.123, 1099511627775.999, 1099511627776.5, 549755813887.5};
  std::mt19937_64 random(20261207);
  for (int i = 0; i < 30000; ++i) {
    const double scale = std::pow(10.0, static_cast<double>(random() % 4));
    const int digits = 1 + static_cast<int>(random() % 16);
    const auto whole = random() % static_cast<std::uint64_t>(std::pow(10.0, digits));
    values.push_back(static_cast<double>(whole) / scale);
    values.push_back(std::nextafter(static_cast<double>(whole) / scale, 0.0));
  }
  for (int i = 0; i < 20000; ++i) {  // binary fractions: 0.5, 0.375, ...
    values.push_back(std::ldexp(static_cast<double>(random() % 1000000), -static_cast<int>(random() % 40)));
  }
  for (const double value : values) {
    ASSERT_EQ(shortest_text(value), library_text(value)) << value;
    ASSERT_EQ(shortest_text(-value), library_text(-value)) << -value;
  }
  char buffer[5];
  EXPECT_EQ(write_shortest_double(buffer, buffer + sizeof buffer, 123.45).ec, std::errc::value_too_large);
  const auto fits = write_shortest_double(buffer, buffer + sizeof buffer, -12.5);
  EXPECT_EQ(std::string(buffer, fits.ptr), "-12.5");
}

TEST(DoubleChars, AnIntegerIsNotWrittenIntoATooSmallBuffer) {
  char buffer[4];
  EXPECT_EQ(write_shortest_double(buffer, buffer + sizeof buffer, 12345.0).ec, std::errc::value_too_large);
  EXPECT_EQ(write_shortest_double(buffer, buffer + sizeof buffer, -1234.0).ec, std::errc::value_too_large);
  const auto fits = write_shortest_double(buffer, buffer + sizeof buffer, -123.0);
  EXPECT_EQ(std::string(buffer, fits.ptr), "-123");
}

TEST(DoubleChars, FallbackWritesNothingIntoATooSmallBuffer) {
  char buffer[4];
  EXPECT_EQ(write_shortest_double_fallback(buffer, buffer + sizeof buffer, 123456.0).ec, std::errc::value_too_large);
}

TEST(DoubleChars, FallbackParsesAsFromChars) {
  for (const char* text : {"0", "1", "-2.5", "1e10", "1E-5", "0.1", "123.456e+7", "4.9e-324", "1.7976931348623157e308"}) {
    double expected = 0, parsed = 0;
    const std::string s(text);
    const auto library = std::from_chars(s.data(), s.data() + s.size(), expected);
    const auto fallback = parse_double_fallback(s.data(), s.data() + s.size(), parsed);
    EXPECT_EQ(fallback.ec, library.ec) << text;
    EXPECT_EQ(parsed, expected) << text;
    EXPECT_EQ(fallback.ptr, library.ptr) << text;
  }
  double value = 7;
  const std::string overflow = "1e400";
  EXPECT_EQ(parse_double_fallback(overflow.data(), overflow.data() + overflow.size(), value).ec,
            std::errc::result_out_of_range);
  const std::string plus = "+1";
  EXPECT_EQ(parse_double_fallback(plus.data(), plus.data() + plus.size(), value).ec, std::errc::invalid_argument);
  const std::string partial = "12abc";
  const auto result = parse_double_fallback(partial.data(), partial.data() + partial.size(), value);
  EXPECT_EQ(result.ptr, partial.data() + 2);
  EXPECT_EQ(value, 12.0);
}

}  // namespace
}  // namespace host_exporter
