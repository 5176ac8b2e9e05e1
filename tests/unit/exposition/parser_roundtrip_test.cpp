// parse(encode(parse(x))) == parse(x): the encoder writes back exactly what the
// parser read, and the parser reads everything the encoder writes.

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <variant>
#include <vector>

#include "exposition/format.hpp"
#include "exposition/text_parser.hpp"
#include "support/series_equality.hpp"
#include "valid_inputs.hpp"

namespace host_exporter::exposition {
namespace {

using testing::parse_ok;
using testing::read_fixture;

void expect_same(const std::vector<MetricFamily>& want, const std::vector<MetricFamily>& got) {
  ASSERT_EQ(want.size(), got.size());
  for (std::size_t f = 0; f < want.size(); ++f) {
    SCOPED_TRACE(want[f].name);
    EXPECT_EQ(want[f].name, got[f].name);
    EXPECT_EQ(want[f].help, got[f].help);
    EXPECT_EQ(want[f].type, got[f].type);
    ASSERT_EQ(want[f].series.size(), got[f].series.size());
    for (std::size_t s = 0; s < want[f].series.size(); ++s) {
      EXPECT_TRUE(test::same_series(want[f].series[s], got[f].series[s])) << "series " << s << " {" << want[f].series[s].labels << "}";
    }
  }
}

void expect_round_trip(std::string_view input) {
  const std::vector<MetricFamily> first = parse_ok(input);
  std::string encoded;
  encode(first, Format::kText004, encoded);
  const std::vector<MetricFamily> second = parse_ok(encoded);
  expect_same(first, second);
  // And the encoding is a fixed point.
  std::string again;
  encode(second, Format::kText004, again);
  EXPECT_EQ(encoded, again);
}

class RoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(RoundTrip, Fixture) { expect_round_trip(read_fixture(GetParam())); }

INSTANTIATE_TEST_SUITE_P(ValidFixtures, RoundTrip,
                         ::testing::Values("textfile_app.prom", "histograms.prom", "syntax_corners.prom",
                                           "node_exporter_1.5.0.prom", "prometheus_2.42.0.prom"),
                         [](const ::testing::TestParamInfo<const char*>& fixture_info) {
                           std::string name(fixture_info.param);
                           name.resize(name.size() - std::string_view(".prom").size());
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(RoundTrip, ValuesAndEscapesThatAreEasyToGetWrong) {
  expect_round_trip(
      "# HELP odd Help with \\\\ and \\n and \"quotes\".\n"
      "# TYPE odd gauge\n"
      "odd{v=\"a\\\\b\\\"c\\nd\"} -0\n"
      "odd{v=\"tiny\"} 4.9e-324\n"
      "odd{v=\"max\"} 1.7976931348623157e308\n"
      "odd{v=\"third\"} 0.1\n"
      "odd{v=\"big\"} 123456789012345678\n"
      "odd{v=\"nan\"} NaN\n"
      "odd{v=\"ts\"} 1 -9223372036854775808\n"
      "# TYPE h histogram\n"
      "h_bucket{le=\"-Inf\"} 0\n"
      "h_bucket{le=\"1e-9\"} 0.5\n"
      "h_bucket{le=\"+Inf\"} 2.5\n"
      "h_sum NaN\n"
      "# TYPE s summary\n"
      "s{quantile=\"0\"} -Inf\n"
      "s{quantile=\"1\"} +Inf\n"
      "s_count 0\n");
}

// Scattered input comes back together, histograms with the +Inf bucket made from _count.
TEST(RoundTrip, ScatteredLinesAndDerivedInfBuckets) {
  expect_round_trip(
      "# TYPE h histogram\n"
      "h_bucket{le=\"1\"} 1\n"
      "a{x=\"1\"} 1\n"
      "h_count 2\n"
      "# HELP a Help after a sample.\n"
      "h_sum 3\n"
      "a{x=\"2\"} 2\n");
  const std::vector<MetricFamily> families = parse_ok("a 1\nb 2\na{x=\"y\"} 3\n");
  std::string encoded;
  encode(families, Format::kText004, encoded);
  EXPECT_EQ(encoded, "# TYPE a untyped\na 1\na{x=\"y\"} 3\n# TYPE b untyped\nb 2\n");
}

}  // namespace
}  // namespace host_exporter::exposition
