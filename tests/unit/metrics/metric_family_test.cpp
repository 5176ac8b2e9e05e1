#include "host_exporter/metric_family.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace host_exporter {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(RenderLabels, JoinsPairsInOrderWithoutBraces) {
  EXPECT_EQ(render_labels({{"cpu", "0"}, {"mode", "idle"}}), R"(cpu="0",mode="idle")");
  EXPECT_EQ(render_labels({}), "");
}

TEST(RenderLabels, EscapesBackslashQuoteAndNewlineOnly) {
  EXPECT_EQ(render_labels({{"path", "C:\\dir"}}), R"(path="C:\\dir")");
  EXPECT_EQ(render_labels({{"q", "say \"hi\""}}), R"(q="say \"hi\"")");
  EXPECT_EQ(render_labels({{"m", "a\nb"}}), R"(m="a\nb")");
  EXPECT_EQ(render_labels({{"t", "tab\there"}}), "t=\"tab\there\"");
  EXPECT_EQ(render_labels({{"u", "caf\xc3\xa9"}}), "u=\"caf\xc3\xa9\"");
}

TEST(AppendLabel, AddsACommaOnlyAfterExistingText) {
  std::string out;
  append_label(out, "a", "1");
  EXPECT_EQ(out, R"(a="1")");
  append_label(out, "b", "");
  EXPECT_EQ(out, R"(a="1",b="")");
}

TEST(ParseLabelText, RoundTripsRenderedText) {
  const std::string text = render_labels({{"path", "C:\\dir"}, {"q", "say \"hi\""}, {"m", "a\nb"}, {"e", ""}});
  const auto parsed = parse_label_text(text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, (Pairs{{"path", "C:\\dir"}, {"q", "say \"hi\""}, {"m", "a\nb"}, {"e", ""}}));
}

TEST(ParseLabelText, EmptyTextIsNoLabels) {
  const auto parsed = parse_label_text("");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->empty());
}

TEST(ParseLabelText, AcceptsATrailingCommaAsTheTextFormatDoes) {
  EXPECT_EQ(parse_label_text(R"(a="1",)"), (Pairs{{"a", "1"}}));
}

TEST(ParseLabelText, RefusesMalformedText) {
  for (const char* bad : {
           R"(a)",              // no '='
           R"(a=1)",            // unquoted value
           R"(a=")",            // unterminated value
           R"(a="x)",           // unterminated value
           R"(a="\t")",         // unknown escape
           R"(a="x\)",          // escape at the end
           R"(a="1"b="2")",     // no comma between pairs
           R"(a="1",,b="2")",   // empty pair
           R"(1a="1")",         // invalid name
           R"(a b="1")",        // space in name
           R"(="1")",           // empty name
       }) {
    EXPECT_FALSE(parse_label_text(bad).has_value()) << bad;
  }
}

TEST(NameValidity, MetricNamesAllowColonsButNotLeadingDigits) {
  EXPECT_TRUE(is_valid_metric_name("http_requests_total"));
  EXPECT_TRUE(is_valid_metric_name("job:rate5m"));
  EXPECT_TRUE(is_valid_metric_name("_private"));
  EXPECT_TRUE(is_valid_metric_name("__reserved_but_legal_for_metrics"));
  EXPECT_FALSE(is_valid_metric_name(""));
  EXPECT_FALSE(is_valid_metric_name("0abc"));
  EXPECT_FALSE(is_valid_metric_name("http-requests"));
  EXPECT_FALSE(is_valid_metric_name("caf\xc3\xa9"));
}

TEST(NameValidity, LabelNamesRefuseColonsAndTheReservedPrefix) {
  EXPECT_TRUE(is_valid_label_name("method"));
  EXPECT_TRUE(is_valid_label_name("_x"));
  EXPECT_TRUE(is_valid_label_name("a_1"));
  EXPECT_FALSE(is_valid_label_name("__name__"));
  EXPECT_FALSE(is_valid_label_name("__x"));
  EXPECT_FALSE(is_valid_label_name("a:b"));
  EXPECT_FALSE(is_valid_label_name("1a"));
  EXPECT_FALSE(is_valid_label_name(""));
}

TEST(MetricTypeNames, AreTheTypeLineWords) {
  EXPECT_EQ(to_string(MetricType::kCounter), "counter");
  EXPECT_EQ(to_string(MetricType::kGauge), "gauge");
  EXPECT_EQ(to_string(MetricType::kHistogram), "histogram");
  EXPECT_EQ(to_string(MetricType::kSummary), "summary");
  EXPECT_EQ(to_string(MetricType::kUntyped), "untyped");
}

}  // namespace
}  // namespace host_exporter
