#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "exposition/text_parser.hpp"
#include "parser_invalid_cases.hpp"

namespace host_exporter::exposition {
namespace {

using testing::InvalidCase;
using testing::kInvalidCases;

class ParserRejects : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ParserRejects, NamingTheLineAndTheReason) {
  const InvalidCase& c = GetParam();
  const auto result = parse_text(c.input);
  const auto* error = std::get_if<ParseError>(&result);
  ASSERT_NE(error, nullptr) << "accepted: " << c.input;
  EXPECT_EQ(error->message(), c.message);
}

INSTANTIATE_TEST_SUITE_P(Corpus, ParserRejects, ::testing::ValuesIn(kInvalidCases),
                         [](const ::testing::TestParamInfo<InvalidCase>& case_info) { return std::string(case_info.param.name); });

TEST(ParserRejects, TheCorpusCoversEveryRuleWithManyCases) {
  EXPECT_GE(std::size(kInvalidCases), 40u);
}

TEST(ParseError, MessageNamesTheLineWhenThereIsOne) {
  EXPECT_EQ((ParseError{3, "bad thing"}.message()), "line 3: bad thing");
  EXPECT_EQ((ParseError{0, "empty push"}.message()), "empty push");
}

TEST(ParserRejects, AHugeBadTokenGivesAShortMessage) {
  const std::string input = "foo " + std::string(10'000'000, 'x') + "\n";
  const auto result = parse_text(input);
  ASSERT_TRUE(std::holds_alternative<ParseError>(result));
  const std::string message = std::get<ParseError>(result).message();
  EXPECT_LT(message.size(), 200u);
  EXPECT_EQ(message.rfind("line 1: invalid value \"xxxx", 0), 0u) << message;
}

TEST(ParserRejects, TheFirstBadLineWins) {
  const auto result = parse_text("ok 1\nbad{ 1\nworse{{ 1\n");
  ASSERT_TRUE(std::holds_alternative<ParseError>(result));
  EXPECT_EQ(std::get<ParseError>(result).line, 2u);
}

// Histograms are checked once the input has been read (their lines may be
// scattered), so a later syntax error is what gets reported.
TEST(ParserRejects, ASyntaxErrorComesBeforeABadHistogram) {
  const auto result = parse_text("# TYPE h histogram\nh_sum 1\nok 1\nbad{ 1\n");
  ASSERT_TRUE(std::holds_alternative<ParseError>(result));
  EXPECT_EQ(std::get<ParseError>(result).message(), R"(line 4: invalid label name "1")");
}

}  // namespace
}  // namespace host_exporter::exposition
