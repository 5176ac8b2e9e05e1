// The field scanner every /proc reader walks its text with: find_separator, eight bytes a
// step, against the plain byte loop on text made of separators, their neighbours in the
// byte table and bytes with the high bit set; next_line and next_field on edge cases;
// parse_u64 and parse_i64 against std::from_chars.

#include <gtest/gtest.h>

#include <charconv>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {
namespace {

std::size_t separator_byte_by_byte(std::string_view text, std::size_t from) {
  while (from < text.size() && text[from] != ' ' && text[from] != '\t') ++from;
  return from;
}

TEST(FieldScanner, FindsTheFirstSeparatorAsTheByteLoopDoes) {
  const char alphabet[] = {' ', '\t', 'a', '0', '\0', '\x08', '\x0a', '\x1f', '\x21', '\x29', '\x80',
                           '\x89', '\xa0', '\xa9', '\xff', '\x01', '\x7f'};
  std::mt19937 random(20261207);
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 40, 'x');
    for (char& c : text) {
      if (random() % 3 == 0) c = alphabet[random() % sizeof alphabet];
    }
    for (std::size_t from = 0; from <= text.size(); ++from) {
      ASSERT_EQ(find_separator(text, from), separator_byte_by_byte(text, from)) << round << " from " << from;
    }
  }
}

TEST(FieldScanner, SplitsFieldsOnRunsOfSpacesAndTabs) {
  std::string_view rest = "  MemTotal:\t \t16318036 kB";
  EXPECT_EQ(next_field(rest), "MemTotal:");
  EXPECT_EQ(next_field(rest), "16318036");
  EXPECT_EQ(next_field(rest), "kB");
  EXPECT_EQ(next_field(rest), "");
  std::string_view long_field = "abcdefghijklmnopqrstuvwxyz0123456789\tend";
  EXPECT_EQ(next_field(long_field), "abcdefghijklmnopqrstuvwxyz0123456789");
  EXPECT_EQ(next_field(long_field), "end");
}

TEST(FieldScanner, TakesLinesWithAndWithoutAFinalNewline) {
  std::string_view rest = "a 1\n\nb 2";
  std::string_view line;
  std::vector<std::string_view> lines;
  while (next_line(rest, line)) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string_view>{"a 1", "", "b 2"}));
}

// What parse_u64 and parse_i64 must agree with: from_chars over the whole text.
template <typename Integer>
bool from_chars_whole(std::string_view text, Integer& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

void expect_parsed_as_from_chars(const std::string& text) {
  std::uint64_t unsigned_expected = 7, unsigned_got = 7;
  const bool unsigned_ok = from_chars_whole(text, unsigned_expected);
  ASSERT_EQ(parse_u64(text, unsigned_got), unsigned_ok) << '"' << text << '"';
  EXPECT_EQ(unsigned_got, unsigned_ok ? unsigned_expected : 7u) << text;  // left alone on failure
  std::int64_t signed_expected = 7, signed_got = 7;
  const bool signed_ok = from_chars_whole(text, signed_expected);
  ASSERT_EQ(parse_i64(text, signed_got), signed_ok) << '"' << text << '"';
  EXPECT_EQ(signed_got, signed_ok ? signed_expected : 7) << text;
}

TEST(FieldScanner, ParsesDecimalsAsFromCharsDoes) {
  const char* const boundaries[] = {
      "", "0", "-0", "00", "-", "+1", " 1", "1 ", "1a", "a1", "--1", "-+1",
      "18446744073709551615", "18446744073709551616", "18446744073709551625", "99999999999999999999",
      "100000000000000000000", "0018446744073709551615", "00000000000000000000000000001",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
      "-0009223372036854775808", "1000000000000000000", "9999999999999999999", "10000000000000000000"};
  for (const char* text : boundaries) expect_parsed_as_from_chars(text);

  const char alphabet[] = "00123456789-+ a\x80";
  std::mt19937_64 random(20261207);
  for (int round = 0; round < 200000; ++round) {
    std::string text(random() % 24, '0');
    const bool digits_only = random() % 2 == 0;  // most texts a number, some of them near 2^64
    for (char& c : text) {
      c = digits_only ? static_cast<char>('0' + random() % 10) : alphabet[random() % (sizeof alphabet - 1)];
    }
    if (digits_only && random() % 4 == 0) text.insert(0, "-");
    expect_parsed_as_from_chars(text);
  }
  for (int round = 0; round < 20000; ++round) {  // every value's own text, both signs
    const std::uint64_t number = random() >> (random() % 64);
    expect_parsed_as_from_chars(std::to_string(number));
    expect_parsed_as_from_chars("-" + std::to_string(number));
  }
}

}  // namespace
}  // namespace host_exporter::platform
