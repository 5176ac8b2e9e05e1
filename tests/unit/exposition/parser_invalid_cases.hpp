#pragma once
// Inputs the text parser must refuse, each with the exact message it gives.
// Kept apart from the test so the same table can be replayed against another
// implementation (Pushgateway, node_exporter) when checking compatibility.

#include <string_view>

namespace host_exporter::exposition::testing {

using namespace std::string_view_literals;

struct InvalidCase {
  std::string_view name;     // a test name: letters, digits, underscores
  std::string_view input;
  std::string_view message;  // ParseError::message()
};

inline constexpr InvalidCase kInvalidCases[] = {
    // HELP and TYPE lines.
    {"SecondHelp", "# HELP foo a\n# HELP foo b\n"sv, R"(line 2: second HELP line for metric "foo")"},
    {"SecondType", "# TYPE foo counter\n# TYPE foo gauge\n"sv, R"(line 2: second TYPE line for metric "foo")"},
    {"TypeAfterSamples", "foo 1\n# TYPE foo counter\n"sv,
     R"(line 2: TYPE line for metric "foo" comes after its samples)"},
    {"TypeThroughSuffix", "# TYPE h histogram\n# TYPE h_bucket gauge\n"sv,
     R"(line 2: second TYPE line for metric "h")"},
    {"UnknownType", "# TYPE foo bla\n"sv, R"(line 1: unknown metric type "bla" for metric "foo")"},
    {"TypeWithTrailingBlank", "# TYPE foo counter \n"sv, R"(line 1: unknown metric type "counter " for metric "foo")"},
    {"TypeWithCrlf", "# TYPE foo counter\r\n"sv,
     R"(line 1: unknown metric type "counter\r" for metric "foo" (the line ends in \r: lines must end in \n only))"},
    {"GaugeHistogramType", "# TYPE foo gauge_histogram\n"sv,
     R"(line 1: unsupported metric type "gauge_histogram" for metric "foo")"},
    {"InvalidNameInType", "# TYPE met-ric counter\n"sv, R"(line 1: invalid metric name "met-ric" in TYPE line)"},
    {"InvalidNameInHelp", "# HELP 1foo text\n"sv, R"(line 1: invalid metric name "1foo" in HELP line)"},
    {"HelpInvalidEscape", "# HELP foo a\\tb\n"sv, R"(line 1: invalid escape sequence "\\t" in HELP text)"},
    {"HelpLoneBackslash", "# HELP foo ends in \\\n"sv, R"(line 1: HELP text ends in a lone backslash)"},
    {"HelpNotUtf8", "# HELP foo caf\xe9\n"sv, R"(line 1: HELP text for metric "foo" is not valid UTF-8)"},
    {"SummaryTypeAfterSuffixSamples", "foo_count 1\n# TYPE foo summary\n"sv,
     R"(line 2: metric "foo_count" seen on line 1 clashes with summary "foo")"},
    {"HistogramTypeAfterBucketSamples", "h_bucket{le=\"1\"} 1\n# TYPE h histogram\n"sv,
     R"(line 2: metric "h_bucket" seen on line 1 clashes with histogram "h")"},

    // Metric and label names.
    {"MetricNameStartsWithDigit", "1foo 1\n"sv, R"(line 1: invalid metric name "1foo")"},
    {"MissingMetricName", "{a=\"b\"} 1\n"sv, R"(line 1: missing metric name before '{')"},
    {"QuotedMetricName", "\"foo.bar\" 1\n"sv, R"(line 1: invalid metric name "\"foo.bar\"")"},
    {"LabelNameStartsWithDigit", "foo{1abc=\"x\"} 1\n"sv, R"(line 1: invalid label name "1abc")"},
    {"LabelNameWithDash", "foo{a-b=\"x\"} 1\n"sv, R"(line 1: invalid label name "a-b")"},
    {"QuotedLabelName", "foo{\"a.b\"=\"x\"} 1\n"sv, R"(line 1: expected a label name, found "\"")"},
    {"ReservedMetricNameLabel", "foo{__name__=\"x\"} 1\n"sv,
     R"(line 1: label name "__name__" is reserved (names starting with __ are for Prometheus itself))"},
    {"ReservedLabelPrefix", "foo{__meta=\"x\"} 1\n"sv,
     R"(line 1: label name "__meta" is reserved (names starting with __ are for Prometheus itself))"},
    {"DuplicateLabelName", "foo{a=\"1\",b=\"2\",a=\"3\"} 1\n"sv, R"(line 1: duplicate label "a" in "foo")"},
    {"EmptyLabelList", "foo{,} 1\n"sv, R"(line 1: expected a label name, found ",")"},
    {"DoubleComma", "foo{a=\"x\",,} 1\n"sv, R"(line 1: expected a label name, found ",")"},
    {"MissingEquals", "foo{a \"x\"} 1\n"sv, R"(line 1: expected '=' after label name "a")"},
    {"UnquotedLabelValue", "foo{a=x} 1\n"sv, R"(line 1: expected '"' to start the value of label "a")"},
    {"LabelValueInvalidEscape", "foo{a=\"\\t\"} 1\n"sv,
     R"(line 1: invalid escape sequence "\\t" in the value of label "a")"},
    {"LabelValueNotClosed", "foo{a=\"x} 1\n"sv,
     R"(line 1: value of label "a" is not closed by '"' before the end of the line)"},
    {"LabelValueNewline", "foo{a=\"new\nline\"} 1\n"sv,
     R"(line 1: value of label "a" is not closed by '"' before the end of the line)"},
    {"LabelValueNotUtf8", "foo{a=\"\xbd\"} 1\n"sv, R"(line 1: value of label "a" is not valid UTF-8)"},
    {"LabelValueSurrogate", "foo{a=\"\xed\xa0\x80\"} 1\n"sv, R"(line 1: value of label "a" is not valid UTF-8)"},
    {"MissingCommaOrBrace", "foo{a=\"x\" 1\n"sv, R"(line 1: expected ',' or '}' after the value of label "a", found "1")"},
    {"LabelsNotClosed", "foo{a=\"x\",\n"sv, R"(line 1: missing '}' at the end of the labels)"},

    // Values and timestamps.
    {"MissingValue", "foo\n"sv, R"(line 1: expected a value after the metric name)"},
    {"MissingValueAfterLabels", "foo{a=\"b\"}\n"sv, R"(line 1: expected a value after the labels)"},
    {"ValueNotANumber", "foo blubb\n"sv, R"(line 1: invalid value "blubb")"},
    {"HexValue", "foo 0x1p-3\n"sv, R"(line 1: invalid value "0x1p-3")"},
    {"HexValueWithoutExponent", "foo 0x10\n"sv, R"(line 1: invalid value "0x10")"},
    {"UnderscoreInValue", "foo 1_000\n"sv, R"(line 1: invalid value "1_000")"},
    {"ValueOverflows", "foo 1e400\n"sv, R"(line 1: invalid value "1e400")"},
    {"SignedNaN", "foo -NaN\n"sv, R"(line 1: invalid value "-NaN")"},
    {"TruncatedInfinity", "foo infin\n"sv, R"(line 1: invalid value "infin")"},
    {"ExponentWithoutDigits", "foo 1e\n"sv, R"(line 1: invalid value "1e")"},
    {"LoneDot", "foo .\n"sv, R"(line 1: invalid value ".")"},
    {"CrlfLineEnding", "foo 1\r\n"sv,
     R"(line 1: invalid value "1\r" (the line ends in \r: lines must end in \n only))"},
    {"FloatTimestamp", "foo 1 2.5\n"sv, R"(line 1: invalid timestamp "2.5" (expected integer milliseconds))"},
    {"TimestampOverflows", "foo 1 9223372036854775808\n"sv,
     R"(line 1: invalid timestamp "9223372036854775808" (expected integer milliseconds))"},
    {"TimestampWithTwoSigns", "foo 1 +-5\n"sv, R"(line 1: invalid timestamp "+-5" (expected integer milliseconds))"},
    {"TextAfterTimestamp", "foo 1 2 3\n"sv, R"(line 1: unexpected text after the timestamp: " 3")"},
    {"BlankAfterTimestamp", "foo 1 2 \n"sv, R"(line 1: unexpected text after the timestamp: " ")"},
    {"BlankAfterValue", "foo 1 \n"sv, R"(line 1: unexpected blank at the end of the line)"},
    {"CommentAfterValue", "foo 1 # why not\n"sv, R"(line 1: invalid timestamp "#" (expected integer milliseconds))"},

    // A metric's lines may be scattered, but what is refused together stays refused apart.
    {"DuplicateSeriesAfterOtherMetric", "a{x=\"1\"} 1\nb 1\na{x=\"1\"} 2\n"sv,
     R"(line 3: duplicate series a{x="1"} (first seen on line 1))"},
    {"SecondHelpAfterOtherMetric", "# HELP a one\nb 1\n# HELP a two\n"sv, R"(line 3: second HELP line for metric "a")"},
    {"SecondTypeAfterOtherMetric", "# TYPE a gauge\nb 1\n# TYPE a counter\n"sv,
     R"(line 3: second TYPE line for metric "a")"},
    {"TypeAfterSamplesAndOtherMetric", "a 1\nb 1\n# TYPE a gauge\n"sv,
     R"(line 3: TYPE line for metric "a" comes after its samples)"},
    {"DuplicateBucketAfterOtherMetric",
     "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nother 1\nh_bucket{le=\"+Inf\"} 1\n"sv,
     R"(line 4: duplicate series h_bucket with le="+Inf" (first seen on line 2))"},
    {"DuplicateHistogramCountAfterOtherMetric", "# TYPE h histogram\nh_count 1\nother 1\nh_count 1\n"sv,
     R"(line 4: duplicate series h_count (first seen on line 2))"},
    {"DuplicateQuantileAfterOtherMetric", "# TYPE s summary\ns{quantile=\"0.5\"} 1\nother 1\ns{quantile=\"0.5\"} 1\n"sv,
     R"(line 4: duplicate series s with quantile="0.5" (first seen on line 2))"},

    // Duplicate series.
    {"DuplicateSeries", "# TYPE foo gauge\nfoo{a=\"1\",b=\"2\"} 1\nfoo{b=\"2\",a=\"1\"} 2\n"sv,
     R"(line 3: duplicate series foo{a="1",b="2"} (first seen on line 2))"},
    {"DuplicateSeriesWithoutLabels", "foo 1\n\n# comment\nfoo{} 2\n"sv,
     R"(line 4: duplicate series foo (first seen on line 1))"},
    {"DuplicateBucket", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"1.0\"} 1\nh_bucket{le=\"+Inf\"} 1\n"sv,
     R"(line 3: duplicate series h_bucket with le="1" (first seen on line 2))"},
    {"DuplicateHistogramSum", "# TYPE h histogram\nh_sum{a=\"1\"} 1\nh_sum{a=\"1\"} 2\n"sv,
     R"(line 3: duplicate series h_sum{a="1"} (first seen on line 2))"},
    {"DuplicateQuantile", "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns{quantile=\"0.50\"} 2\n"sv,
     R"(line 3: duplicate series s with quantile="0.5" (first seen on line 2))"},
    {"DuplicateSummaryCount", "# TYPE s summary\ns_count 1\ns_count 1\n"sv,
     R"(line 3: duplicate series s_count (first seen on line 2))"},

    // Histograms.
    {"BucketWithoutLe", "# TYPE h histogram\nh_bucket 1\n"sv, R"(line 2: histogram bucket "h_bucket" has no le label)"},
    {"LeNotANumber", "# TYPE h histogram\nh_bucket{le=\"bla\"} 1\n"sv,
     R"(line 2: invalid le label "bla": expected a number)"},
    {"LeNaN", "# TYPE h histogram\nh_bucket{le=\"NaN\"} 1\n"sv, R"(line 2: le label of "h_bucket" is NaN)"},
    {"HistogramSampleWithoutSuffix", "# TYPE h histogram\nh{le=\"1\"} 1\n"sv,
     R"(line 2: sample "h" of histogram "h" must be named h_bucket, h_sum or h_count)"},
    {"LeOnSum", "# TYPE h histogram\nh_sum{le=\"1\"} 1\n"sv, R"(line 2: le label on "h_sum": only h_bucket has one)"},
    {"NegativeBucketCount", "# TYPE h histogram\nh_bucket{le=\"1\"} -1\n"sv,
     R"(line 2: bucket count must be a non-negative number, got -1)"},
    {"NaNBucketCount", "# TYPE h histogram\nh_bucket{le=\"1\"} NaN\n"sv,
     R"(line 2: bucket count must be a non-negative number, got NaN)"},
    {"NegativeHistogramCount", "# TYPE h histogram\nh_count -2693\n"sv,
     R"(line 2: histogram count must be a non-negative number, got -2693)"},
    {"NeitherInfBucketNorCount", "# TYPE h histogram\nh_bucket{a=\"x\",le=\"1\"} 1\nh_sum{a=\"x\"} 1\nnext 1\n"sv,
     R"(line 2: histogram h{a="x"} has neither a le="+Inf" bucket nor a _count sample)"},
    {"HistogramWithOnlySum", "# TYPE h histogram\nh_sum 1\n"sv,
     R"(line 2: histogram h has neither a le="+Inf" bucket nor a _count sample)"},
    {"MinusInfIsNotTheInfBucket", "# TYPE h histogram\nh_bucket{le=\"-Inf\"} 0\n"sv,
     R"(line 2: histogram h has neither a le="+Inf" bucket nor a _count sample)"},
    {"CountBelowLastBucket", "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"2\"} 6\nh_count 5\n"sv,
     R"(line 4: count 5 of histogram h is less than the 6 of its bucket le="2" (buckets are cumulative))"},
    {"BucketsDecrease", "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"2\"} 3\nh_bucket{le=\"+Inf\"} 5\n"sv,
     R"(line 3: bucket le="2" of histogram h counts 3, less than the 5 of bucket le="1" (buckets are cumulative))"},
    {"CountDiffersFromInfBucket", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 5\nh_sum 1\nh_count 6\n"sv,
     R"(line 4: count 6 of histogram h differs from its le="+Inf" bucket 5)"},
    {"CountDiffersFromScatteredInfBucket",
     "# TYPE h histogram\nh_count 6\nother 1\nh_bucket{le=\"+Inf\"} 5\n"sv,
     R"(line 2: count 6 of histogram h differs from its le="+Inf" bucket 5)"},
    // Histograms are checked at the end of the input: the earliest bad line wins.
    {"EarliestHistogramErrorWins", "# TYPE a histogram\n# TYPE b histogram\nb_sum 1\na_sum 1\n"sv,
     R"(line 3: histogram b has neither a le="+Inf" bucket nor a _count sample)"},

    // Summaries.
    {"SummarySampleWithoutQuantile", "# TYPE s summary\ns 1\n"sv, R"(line 2: summary sample "s" has no quantile label)"},
    {"QuantileNotANumber", "# TYPE s summary\ns{quantile=\"bla\"} 1\n"sv,
     R"(line 2: invalid quantile label "bla": expected a number)"},
    {"QuantileNaN", "# TYPE s summary\ns{quantile=\"nan\"} 1\n"sv, R"(line 2: quantile label of "s" is NaN)"},
    {"QuantileOnSum", "# TYPE s summary\ns_sum{quantile=\"0.5\"} 1\n"sv,
     R"(line 2: quantile label on "s_sum": only s samples have one)"},
    {"NegativeSummaryCount", "# TYPE s summary\ns_count -1\n"sv,
     R"(line 2: summary count must be a non-negative number, got -1)"},

    // Line numbers count every line, blank or comment, and the error is the first one.
    {"LineNumberAfterBlanksAndComments", "\n# c\n  \nok 1\n# HELP x y\n\nbad{ 1\n"sv,
     R"(line 7: invalid label name "1")"},
    {"LastLineWithoutNewline", "ok 1\nbad"sv, R"(line 2: expected a value after the metric name)"},
    {"NulByte", "fo\0o 1\n"sv, R"(line 1: invalid value "\x00o")"},
};

}  // namespace host_exporter::exposition::testing
