// The field scanner every /proc reader walks its text with: find_separator, eight bytes a
// step, against the plain byte loop on text made of separators, their neighbours in the
// byte table and bytes with the high bit set; next_line and next_field on edge cases.

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace host_exporter::platform
