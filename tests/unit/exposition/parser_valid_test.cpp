#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "exposition/text_parser.hpp"
#include "valid_inputs.hpp"

namespace host_exporter::exposition {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
using testing::parse_ok;
using testing::read_fixture;
using Points = std::vector<std::pair<double, double>>;
constexpr double kInf = std::numeric_limits<double>::infinity();

const MetricFamily& family(const std::vector<MetricFamily>& families, std::string_view name) {
  for (const MetricFamily& f : families) {
    if (f.name == name) return f;
  }
  static const MetricFamily missing{"<missing>", "", MetricType::kUntyped, {}};
  ADD_FAILURE() << "no family " << name;
  return missing;
}

std::vector<std::string> names(const std::vector<MetricFamily>& families) {
  std::vector<std::string> out;
  for (const MetricFamily& f : families) out.push_back(f.name);
  return out;
}

TEST(Parser, EmptyInputBlankLinesAndCommentsGiveNoFamilies) {
  EXPECT_TRUE(parse_ok("").empty());
  EXPECT_TRUE(parse_ok("\n\n  \t\n# just a comment\n#\n# HELP\n# TYPE\n").empty());
}

TEST(Parser, FamiliesWithoutSamplesAreDropped) {
  const auto families = parse_ok("# HELP lonely Only help.\n# TYPE typed counter\nreal 1\n");
  EXPECT_THAT(names(families), ElementsAre("real"));
}

TEST(Parser, TextfileWithEveryType) {
  const auto families = parse_ok(read_fixture("textfile_app.prom"));
  EXPECT_THAT(names(families),
              ElementsAre("backup_last_success_timestamp_seconds", "backup_runs_total", "backup_duration_seconds",
                          "backup_size_bytes", "backup_config_info"));

  const MetricFamily& runs = family(families, "backup_runs_total");
  EXPECT_EQ(runs.type, MetricType::kCounter);
  EXPECT_EQ(runs.help, "Backups started.");
  ASSERT_EQ(runs.series.size(), 2u);
  EXPECT_EQ(runs.series[0].labels, R"(task="db",result="ok")");
  EXPECT_EQ(runs.series[0].scalar(), 42);
  EXPECT_EQ(runs.series[1].labels, R"(task="db",result="failed")");
  EXPECT_EQ(runs.series[1].scalar(), 1);
  EXPECT_FALSE(runs.series[0].timestamp_ms.has_value());

  const MetricFamily& timestamp = family(families, "backup_last_success_timestamp_seconds");
  EXPECT_EQ(timestamp.type, MetricType::kGauge);
  EXPECT_EQ(timestamp.series[0].scalar(), 1.7e9);

  const MetricFamily& duration = family(families, "backup_duration_seconds");
  EXPECT_EQ(duration.type, MetricType::kHistogram);
  ASSERT_EQ(duration.series.size(), 1u);
  EXPECT_EQ(duration.series[0].labels, R"(task="db")");
  const auto& histogram = std::get<HistogramValue>(duration.series[0].value);
  EXPECT_EQ(histogram.buckets, (Points{{1, 0}, {10, 3}, {60, 40}, {kInf, 43}}));
  EXPECT_EQ(histogram.sum, 1234.5);
  EXPECT_EQ(histogram.count, 43);

  const MetricFamily& size = family(families, "backup_size_bytes");
  EXPECT_EQ(size.type, MetricType::kSummary);
  ASSERT_EQ(size.series.size(), 1u);
  EXPECT_EQ(size.series[0].labels, R"(task="db")");
  const auto& summary = std::get<SummaryValue>(size.series[0].value);
  EXPECT_EQ(summary.quantiles, (Points{{0.5, 1.2e9}, {0.99, 2.5e9}}));
  EXPECT_EQ(summary.sum, 5.1e10);
  EXPECT_EQ(summary.count, 43);

  const MetricFamily& info = family(families, "backup_config_info");
  EXPECT_EQ(info.type, MetricType::kUntyped);
  EXPECT_EQ(info.help, "");
  EXPECT_EQ(info.series[0].labels, R"(path="/etc/backup.yml")");
}

TEST(Parser, HistogramBucketsAreSortedAndTheCountFollowsTheInfBucket) {
  const auto families = parse_ok(read_fixture("histograms.prom"));
  const MetricFamily& rpc = family(families, "rpc_duration_seconds");
  ASSERT_EQ(rpc.series.size(), 2u);
  EXPECT_EQ(rpc.series[0].labels, R"(method="get")");
  const auto& get = std::get<HistogramValue>(rpc.series[0].value);
  EXPECT_EQ(get.buckets, (Points{{0.1, 2}, {0.5, 7}, {kInf, 10}}));
  EXPECT_EQ(get.sum, 3.25);
  EXPECT_EQ(get.count, 10);
  // The series first appeared as a _count line; `le` came first in its bucket line.
  EXPECT_EQ(rpc.series[1].labels, R"(method="put")");
  EXPECT_EQ(std::get<HistogramValue>(rpc.series[1].value).buckets, (Points{{0.1, 0}, {kInf, 0}}));

  // No _count line: the count is the +Inf bucket's; no _sum line: zero.
  const auto& no_count = std::get<HistogramValue>(family(families, "no_count_histogram").series[0].value);
  EXPECT_EQ(no_count.buckets, (Points{{-1, 1}, {1, 1}, {kInf, 5}}));
  EXPECT_EQ(no_count.count, 5);
  EXPECT_EQ(no_count.sum, 0);
}

TEST(Parser, SummaryQuantilesAreSortedAndLeIsAnOrdinaryLabelThere) {
  const auto families = parse_ok(read_fixture("histograms.prom"));
  const MetricFamily& size = family(families, "rpc_size_bytes");
  EXPECT_EQ(size.help, "Summary with quantiles out of order and a NaN value.");
  ASSERT_EQ(size.series.size(), 2u);
  EXPECT_EQ(size.series[0].labels, "");
  const auto& plain = std::get<SummaryValue>(size.series[0].value);
  ASSERT_EQ(plain.quantiles.size(), 2u);
  EXPECT_EQ(plain.quantiles[0], (std::pair<double, double>{0.5, 120}));
  EXPECT_EQ(plain.quantiles[1].first, 0.99);
  EXPECT_TRUE(std::isnan(plain.quantiles[1].second));
  EXPECT_EQ(size.series[1].labels, R"(le="1")");
  const auto& with_le = std::get<SummaryValue>(size.series[1].value);
  EXPECT_EQ(with_le.quantiles, (Points{{0.5, 3}}));
  EXPECT_EQ(with_le.count, 1);
}

TEST(Parser, SyntaxCornersTheGoParserAccepts) {
  const auto families = parse_ok(read_fixture("syntax_corners.prom"));
  EXPECT_THAT(names(families),
              ElementsAre("spaced", "escapes", "values", "empty_braces", "colons:in:name", "_leading_underscore",
                          "not_a_histogram_bucket", "not_a_histogram_count", "last_line_without_newline"));

  const MetricFamily& spaced = family(families, "spaced");
  EXPECT_EQ(spaced.type, MetricType::kGauge);  // `#TYPE spaced GAUGE`
  // HELP keeps trailing blanks and unescapes \\, \n and \".
  EXPECT_EQ(spaced.help, "help with trailing blanks and \\ backslash and \n newline and \" quote  ");
  ASSERT_EQ(spaced.series.size(), 4u);
  EXPECT_EQ(spaced.series[0].labels, R"(a="1",b="x")");
  EXPECT_EQ(spaced.series[0].scalar(), kInf);
  EXPECT_EQ(spaced.series[0].timestamp_ms, 54321);
  EXPECT_EQ(spaced.series[1].labels, R"(a="2")");  // trailing comma, value right after '}'
  EXPECT_EQ(spaced.series[1].scalar(), -kInf);
  EXPECT_TRUE(std::isnan(spaced.series[2].scalar()));
  EXPECT_EQ(spaced.series[3].scalar(), 1e-3);

  const MetricFamily& escapes = family(families, "escapes");
  EXPECT_EQ(escapes.help, "label values with every escape");
  EXPECT_EQ(escapes.series[0].labels,
            "path=\"C:\\\\dir\\\\file\",quote=\"say \\\"hi\\\"\",nl=\"two\\nlines\","
            "utf8=\"Björn 佖佥 🙂\",tab=\"\t\"");

  const MetricFamily& values = family(families, "values");
  ASSERT_EQ(values.series.size(), 10u);
  const auto value = [&](std::size_t i) { return values.series[i].scalar(); };
  EXPECT_EQ(value(0), 8);  // 08
  EXPECT_EQ(value(1), -3000);
  EXPECT_EQ(values.series[1].timestamp_ms, -1);
  EXPECT_EQ(value(2), 0.5);
  EXPECT_EQ(value(3), 5);
  EXPECT_EQ(value(4), kInf);
  EXPECT_EQ(value(5), -kInf);
  EXPECT_TRUE(std::isnan(value(6)));
  EXPECT_EQ(value(7), 150);
  EXPECT_EQ(values.series[7].timestamp_ms, 1700000000000);
  EXPECT_EQ(value(8), 0);  // 1e-400 underflows to zero, as in Go
  EXPECT_EQ(value(9), std::numeric_limits<double>::max());

  EXPECT_EQ(family(families, "empty_braces").series[0].labels, "");
  // _bucket/_count names of a gauge are families of their own.
  EXPECT_EQ(family(families, "not_a_histogram_bucket").type, MetricType::kUntyped);
  EXPECT_EQ(family(families, "not_a_histogram_bucket").series[0].labels, R"(le="1")");
  EXPECT_EQ(family(families, "last_line_without_newline").series[0].scalar(), 7);
}

TEST(Parser, LabelsAreRenderedCanonicallyInInputOrder) {
  const auto families = parse_ok("m{ z = \"1\" ,a=\"\\\\\\\"\\n\",\tm=\"\"\t} 1\n");
  EXPECT_EQ(families[0].series[0].labels, R"(z="1",a="\\\"\n",m="")");
}

TEST(Parser, ValueSpellingsOfGoParseFloat) {
  const struct {
    const char* text;
    double value;
  } cases[] = {{"1", 1},       {"-0", -0.0},    {"+5", 5},          {"1E3", 1000},        {"1e+3", 1000},
               {"1e-3", 1e-3}, {"0.1e1", 1},    {"Inf", kInf},      {"+inf", kInf},       {"-INF", -kInf},
               {"infinity", kInf}, {"+Infinity", kInf}, {"4.9e-324", 4.9e-324}, {"000123.4500", 123.45},
               {"123456789012345678901234567890", 1.2345678901234568e29}};
  for (const auto& c : cases) {
    const auto families = parse_ok(std::string("v ") + c.text + "\n");
    ASSERT_EQ(families.size(), 1u) << c.text;
    EXPECT_EQ(families[0].series[0].scalar(), c.value) << c.text;
  }
  for (const char* nan : {"NaN", "nan", "NAN"}) {
    EXPECT_TRUE(std::isnan(parse_ok(std::string("v ") + nan + "\n")[0].series[0].scalar())) << nan;
  }
}

TEST(Parser, SuffixesBelongToTheHistogramOrSummaryOfTheBaseName) {
  const auto families = parse_ok(
      "# TYPE s summary\n"
      "# HELP s_sum Help given through a suffix lands on the summary.\n"
      "s_count 2\n"
      "s_sum 3\n"
      "s_bucket 4\n"       // no _bucket in a summary: a family of its own
      "# TYPE g gauge\n"
      "g 1\n"
      "g_sum 5\n");       // a gauge has no suffixes either
  EXPECT_THAT(names(families), ElementsAre("s", "s_bucket", "g", "g_sum"));
  const MetricFamily& s = family(families, "s");
  EXPECT_EQ(s.help, "Help given through a suffix lands on the summary.");
  const auto& summary = std::get<SummaryValue>(s.series[0].value);
  EXPECT_TRUE(summary.quantiles.empty());
  EXPECT_EQ(summary.sum, 3);
  EXPECT_EQ(summary.count, 2);
}

TEST(Parser, HistogramSeriesKeepTheirLatestTimestamp) {
  const auto families = parse_ok(
      "# TYPE h histogram\n"
      "h_bucket{le=\"+Inf\"} 1 1000\n"
      "h_count 1 2000\n");
  EXPECT_EQ(families[0].series[0].timestamp_ms, 2000);
}

// A metric's lines need not be together: later lines join the family, which
// keeps its place of first appearance (as Go's expfmt parser merges them).
TEST(Parser, ScatteredLinesJoinTheirFamily) {
  const auto families = parse_ok(
      "a{x=\"1\"} 1\n"
      "b 1\n"
      "a{x=\"2\"} 2 1000\n"
      "c 3\n"
      "a 4\n");
  EXPECT_THAT(names(families), ElementsAre("a", "b", "c"));
  const MetricFamily& a = family(families, "a");
  EXPECT_EQ(a.type, MetricType::kUntyped);
  ASSERT_EQ(a.series.size(), 3u);
  EXPECT_EQ(a.series[0].labels, R"(x="1")");
  EXPECT_EQ(a.series[0].scalar(), 1);
  EXPECT_EQ(a.series[1].labels, R"(x="2")");
  EXPECT_EQ(a.series[1].scalar(), 2);
  EXPECT_EQ(a.series[1].timestamp_ms, 1000);
  EXPECT_EQ(a.series[2].labels, "");
  EXPECT_EQ(a.series[2].scalar(), 4);
}

TEST(Parser, HelpAndTypeMayComeAfterOtherMetrics) {
  const auto families = parse_ok(
      "a 1\n"
      "b 1\n"
      "# HELP a Help after another metric.\n"
      "# HELP c Help first.\n"
      "d 1\n"
      "# TYPE c counter\n"
      "c_total 1\n"
      "c 2\n");
  EXPECT_THAT(names(families), ElementsAre("a", "b", "c", "d", "c_total"));
  EXPECT_EQ(family(families, "a").help, "Help after another metric.");
  const MetricFamily& c = family(families, "c");
  EXPECT_EQ(c.help, "Help first.");
  EXPECT_EQ(c.type, MetricType::kCounter);
  EXPECT_EQ(c.series[0].scalar(), 2);
}

TEST(Parser, ScatteredHistogramAndSummarySamplesJoinTheirSeries) {
  const auto families = parse_ok(
      "# TYPE h histogram\n"
      "h_bucket{m=\"get\",le=\"1\"} 2\n"
      "# TYPE s summary\n"
      "s{quantile=\"0.9\"} 7\n"
      "h_bucket{m=\"put\",le=\"+Inf\"} 1\n"
      "other 1\n"
      "s_count 3\n"
      "h_sum{m=\"get\"} 4.5\n"
      "h_bucket{m=\"get\",le=\"+Inf\"} 3\n"
      "s{quantile=\"0.5\"} 5\n"
      "h_count{m=\"get\"} 3\n");
  EXPECT_THAT(names(families), ElementsAre("h", "s", "other"));
  const MetricFamily& h = family(families, "h");
  ASSERT_EQ(h.series.size(), 2u);
  EXPECT_EQ(h.series[0].labels, R"(m="get")");
  const auto& get = std::get<HistogramValue>(h.series[0].value);
  EXPECT_EQ(get.buckets, (Points{{1, 2}, {kInf, 3}}));
  EXPECT_EQ(get.sum, 4.5);
  EXPECT_EQ(get.count, 3);
  EXPECT_EQ(h.series[1].labels, R"(m="put")");
  EXPECT_EQ(std::get<HistogramValue>(h.series[1].value).buckets, (Points{{kInf, 1}}));

  const MetricFamily& s = family(families, "s");
  ASSERT_EQ(s.series.size(), 1u);
  const auto& summary = std::get<SummaryValue>(s.series[0].value);
  EXPECT_EQ(summary.quantiles, (Points{{0.5, 5}, {0.9, 7}}));
  EXPECT_EQ(summary.count, 3);
}

// node_exporter's textfile collector writes a missing +Inf bucket from _count.
TEST(Parser, AHistogramWithoutAnInfBucketGetsOneFromItsCount) {
  const auto families = parse_ok(
      "# TYPE h histogram\n"
      "h_bucket{a=\"x\",le=\"1\"} 1\n"
      "h_bucket{a=\"x\",le=\"2\"} 4\n"
      "h_sum{a=\"x\"} 6\n"
      "h_count{a=\"x\"} 5\n"
      "h_bucket{a=\"y\",le=\"1\"} 2\n"
      "h_count{a=\"y\"} 2\n"
      "h_bucket{a=\"z\",le=\"-Inf\"} 0\n"
      "h_count{a=\"z\"} 0\n"
      "# TYPE only_count histogram\n"
      "only_count_sum 1\n"
      "only_count_count 1\n");
  const MetricFamily& h = family(families, "h");
  ASSERT_EQ(h.series.size(), 3u);
  const auto& x = std::get<HistogramValue>(h.series[0].value);
  EXPECT_EQ(x.buckets, (Points{{1, 1}, {2, 4}, {kInf, 5}}));
  EXPECT_EQ(x.sum, 6);
  EXPECT_EQ(x.count, 5);
  EXPECT_EQ(std::get<HistogramValue>(h.series[1].value).buckets, (Points{{1, 2}, {kInf, 2}}));
  EXPECT_EQ(std::get<HistogramValue>(h.series[2].value).buckets, (Points{{-kInf, 0}, {kInf, 0}}));
  const auto& only_count = std::get<HistogramValue>(family(families, "only_count").series[0].value);
  EXPECT_EQ(only_count.buckets, (Points{{kInf, 1}}));
  EXPECT_EQ(only_count.sum, 1);
  EXPECT_EQ(only_count.count, 1);
}

// Prometheus stores `le` and `quantile` as ordinary labels outside a histogram's
// buckets and a summary's quantile samples.
TEST(Parser, LeAndQuantileAreOrdinaryLabelsWhereTheyMeanNothing) {
  const auto families = parse_ok(
      "# TYPE g gauge\n"
      "g{le=\"1\"} 1\n"
      "g{le=\"not a number\"} 2\n"
      "g{quantile=\"0.5\"} 3\n"
      "# TYPE c_total counter\n"
      "c_total{le=\"+Inf\",quantile=\"x\"} 4\n"
      "u{le=\"NaN\"} 5\n"
      "# TYPE h histogram\n"
      "h_bucket{quantile=\"0.5\",le=\"+Inf\"} 6\n"
      "h_bucket{quantile=\"0.9\",le=\"+Inf\"} 7\n"
      "h_count{quantile=\"0.9\"} 7\n"
      "# TYPE s summary\n"
      "s{le=\"1\",quantile=\"0.5\"} 8\n"
      "s_sum{le=\"1\"} 9\n");
  const MetricFamily& g = family(families, "g");
  ASSERT_EQ(g.series.size(), 3u);
  EXPECT_EQ(g.series[0].labels, R"(le="1")");
  EXPECT_EQ(g.series[1].labels, R"(le="not a number")");
  EXPECT_EQ(g.series[2].labels, R"(quantile="0.5")");
  EXPECT_EQ(family(families, "c_total").series[0].labels, R"(le="+Inf",quantile="x")");
  EXPECT_EQ(family(families, "u").series[0].labels, R"(le="NaN")");

  const MetricFamily& h = family(families, "h");
  ASSERT_EQ(h.series.size(), 2u);
  EXPECT_EQ(h.series[0].labels, R"(quantile="0.5")");
  EXPECT_EQ(std::get<HistogramValue>(h.series[0].value).buckets, (Points{{kInf, 6}}));
  EXPECT_EQ(h.series[1].labels, R"(quantile="0.9")");
  EXPECT_EQ(std::get<HistogramValue>(h.series[1].value).count, 7);

  const MetricFamily& s = family(families, "s");
  ASSERT_EQ(s.series.size(), 1u);
  EXPECT_EQ(s.series[0].labels, R"(le="1")");
  const auto& summary = std::get<SummaryValue>(s.series[0].value);
  EXPECT_EQ(summary.quantiles, (Points{{0.5, 8}}));
  EXPECT_EQ(summary.sum, 9);
}

TEST(Parser, RecordedNodeExporterOutput) {
  const std::string text = read_fixture("node_exporter_1.5.0.prom");
  const auto families = parse_ok(text);
  // Every family node_exporter writes has a TYPE line; they come in file order.
  std::vector<std::string> typed;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# TYPE ", 0) == 0) typed.push_back(line.substr(7, line.find(' ', 7) - 7));
  }
  EXPECT_EQ(names(families), typed);
  const MetricFamily& gc = family(families, "go_gc_duration_seconds");
  EXPECT_EQ(gc.type, MetricType::kSummary);
  EXPECT_EQ(std::get<SummaryValue>(gc.series[0].value).quantiles.size(), 5u);
  const MetricFamily& cpu = family(families, "node_cpu_seconds_total");
  EXPECT_EQ(cpu.type, MetricType::kCounter);
  EXPECT_THAT(cpu.series[0].labels, ::testing::StartsWith("cpu=\"0\",mode=\"idle\""));
}

TEST(Parser, RecordedPrometheusOutputWithHistograms) {
  const auto families = parse_ok(read_fixture("prometheus_2.42.0.prom"));
  int histograms = 0;
  for (const MetricFamily& f : families) {
    if (f.type != MetricType::kHistogram) continue;
    ++histograms;
    for (const Series& series : f.series) {
      const auto& h = std::get<HistogramValue>(series.value);
      ASSERT_FALSE(h.buckets.empty()) << f.name;
      EXPECT_EQ(h.buckets.back().first, kInf) << f.name;
      EXPECT_EQ(h.buckets.back().second, h.count) << f.name;
    }
  }
  EXPECT_EQ(histograms, 5);
  const MetricFamily& ranges = family(families, "prometheus_tsdb_compaction_chunk_range_seconds");
  ASSERT_EQ(ranges.series.size(), 1u);
  const auto& buckets = std::get<HistogramValue>(ranges.series[0].value).buckets;
  ASSERT_EQ(buckets.size(), 11u);
  EXPECT_EQ(buckets.front().first, 100);
}

// Hostile inputs: big but linear, parsed without trouble.
TEST(Parser, TenMegabyteLabelValue) {
  const std::string big(10'000'000, 'v');
  const auto families = parse_ok("m{a=\"" + big + "\"} 1\n");
  ASSERT_EQ(families.size(), 1u);
  EXPECT_EQ(families[0].series[0].labels.size(), big.size() + 4);
}

TEST(Parser, HundredThousandLabelsInOneSample) {
  std::string input = "m{";
  for (int i = 0; i < 100'000; ++i) input += "l" + std::to_string(i) + "=\"x\",";
  input += "} 1\n";
  const auto families = parse_ok(input);
  ASSERT_EQ(families.size(), 1u);
  EXPECT_EQ(families[0].series[0].labels.rfind("l0=\"x\",l1=\"x\",", 0), 0u);
  input.replace(input.size() - 5, 0, ",l7=\"y\"");
  const auto result = parse_text(input);
  ASSERT_TRUE(std::holds_alternative<ParseError>(result));
  EXPECT_EQ(std::get<ParseError>(result).message(), R"(line 1: duplicate label "l7" in "m")");
}

TEST(Parser, TwoHundredThousandSeriesAndFamilies) {
  std::string input;
  for (int i = 0; i < 100'000; ++i) input += "series{i=\"" + std::to_string(i) + "\"} 1\n";
  for (int i = 0; i < 100'000; ++i) input += "family_" + std::to_string(i) + " 1\n";
  const auto families = parse_ok(input);
  ASSERT_EQ(families.size(), 100'001u);
  EXPECT_EQ(families[0].series.size(), 100'000u);
}

TEST(Parser, HugeHistogramSeries) {
  std::string input = "# TYPE h histogram\n";
  for (int i = 100'000; i > 0; --i) input += "h_bucket{le=\"" + std::to_string(i) + "\"} " + std::to_string(i) + "\n";
  input += "h_bucket{le=\"+Inf\"} 100000\n";
  const auto families = parse_ok(input);
  const auto& h = std::get<HistogramValue>(families[0].series[0].value);
  ASSERT_EQ(h.buckets.size(), 100'001u);
  EXPECT_EQ(h.buckets.front(), (std::pair<double, double>{1, 1}));
  EXPECT_EQ(h.count, 100'000);
}

}  // namespace
}  // namespace host_exporter::exposition
