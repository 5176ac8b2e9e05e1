#include <gtest/gtest.h>

#include <string>

#include "exposition/format.hpp"

namespace host_exporter::exposition {
namespace {

struct AcceptCase {
  std::string name;
  std::string accept;
  Format expected;
};

class NegotiateFormat : public ::testing::TestWithParam<AcceptCase> {};

TEST_P(NegotiateFormat, PicksTheFormat) {
  EXPECT_EQ(negotiate_format(GetParam().accept), GetParam().expected) << GetParam().accept;
}

constexpr Format kText = Format::kText004;
constexpr Format kOm = Format::kOpenMetrics100;

INSTANTIATE_TEST_SUITE_P(
    Table, NegotiateFormat,
    ::testing::Values(
        AcceptCase{"empty", "", kText},
        AcceptCase{"prometheus_2", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                                   "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", kOm},
        AcceptCase{"prometheus_3", "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,"
                                   "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;"
                                   "escaping=underscores;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2", kOm},
        AcceptCase{"prometheus_3_protobuf_first",
                   "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;"
                   "q=0.6,application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
                   "text/plain;version=0.0.4;q=0.4,*/*;q=0.3", kOm},
        AcceptCase{"prometheus_text_only", "text/plain;version=0.0.4;q=1,*/*;q=0.1", kText},
        AcceptCase{"browser", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", kText},
        AcceptCase{"curl", "*/*", kText},
        AcceptCase{"openmetrics_without_version", "application/openmetrics-text", kOm},
        AcceptCase{"openmetrics_0_0_1", "application/openmetrics-text; version=0.0.1", kOm},
        AcceptCase{"openmetrics_unknown_version", "application/openmetrics-text; version=2.0.0", kText},
        AcceptCase{"openmetrics_quoted_version", "application/openmetrics-text; version=\"1.0.0\"", kOm},
        AcceptCase{"text_higher_q", "application/openmetrics-text;q=0.4,text/plain;q=0.5", kText},
        AcceptCase{"openmetrics_higher_q", "text/plain;q=0.4,application/openmetrics-text;q=0.5", kOm},
        AcceptCase{"tie_goes_to_first_text", "text/plain;q=0.5,application/openmetrics-text;q=0.5", kText},
        AcceptCase{"tie_goes_to_first_openmetrics", "application/openmetrics-text;q=0.5,text/plain;q=0.5", kOm},
        AcceptCase{"wildcard_before_openmetrics_ties_to_wildcard", "*/*,application/openmetrics-text", kText},
        AcceptCase{"openmetrics_refused", "application/openmetrics-text;q=0,text/plain;q=0.1", kText},
        AcceptCase{"text_refused_despite_wildcard", "text/plain;q=0,*/*;q=1,application/openmetrics-text;q=0.2",
                   kOm},
        AcceptCase{"text_subtype_wildcard", "text/*;q=0.9,application/openmetrics-text;q=0.5", kText},
        AcceptCase{"everything_refused", "text/plain;q=0,application/openmetrics-text;q=0", kText},
        AcceptCase{"unsupported_only", "application/json", kText},
        AcceptCase{"text_version_1_is_not_ours", "text/plain;version=1.0.0,application/openmetrics-text;q=0.1", kOm},
        AcceptCase{"malformed_q_ignores_entry", "application/openmetrics-text;q=high,text/plain;q=0.1", kText},
        AcceptCase{"q_above_one_is_malformed", "application/openmetrics-text;q=1.5,text/plain;q=0.1", kText},
        AcceptCase{"q_with_four_decimals_is_malformed", "application/openmetrics-text;q=0.5555,text/plain;q=0.1",
                   kText},
        AcceptCase{"negative_q_is_malformed", "application/openmetrics-text;q=-1", kText},
        AcceptCase{"q_one_point_zero", "text/plain;q=0.9,application/openmetrics-text;q=1.000", kOm},
        AcceptCase{"case_insensitive_type_and_parameter_names",
                   "Application/OpenMetrics-Text; Version=1.0.0; Q=0.9, TEXT/PLAIN; q=0.5", kOm},
        AcceptCase{"whitespace_everywhere", "  text/plain ; q=0.2 ,  application/openmetrics-text ;  q=0.3  ", kOm},
        AcceptCase{"garbage", ",,;;==\"", kText},
        AcceptCase{"quoted_comma_in_parameter", "application/x;a=\"b,text/plain\",application/openmetrics-text",
                   kOm}),
    [](const ::testing::TestParamInfo<AcceptCase>& param_info) { return param_info.param.name; });

struct EncodingCase {
  std::string name;
  std::string accept_encoding;
  bool expected;
};

class AcceptsGzip : public ::testing::TestWithParam<EncodingCase> {};

TEST_P(AcceptsGzip, Decides) {
  EXPECT_EQ(accepts_gzip(GetParam().accept_encoding), GetParam().expected) << GetParam().accept_encoding;
}

INSTANTIATE_TEST_SUITE_P(Table, AcceptsGzip,
                         ::testing::Values(EncodingCase{"empty", "", false},
                                           EncodingCase{"gzip", "gzip", true},
                                           EncodingCase{"browser", "gzip, deflate, br, zstd", true},
                                           EncodingCase{"upper_case", "GZIP", true},
                                           EncodingCase{"x_gzip", "x-gzip", true},
                                           EncodingCase{"identity_only", "identity", false},
                                           EncodingCase{"refused", "gzip;q=0", false},
                                           EncodingCase{"refused_with_spaces", "gzip ; q=0.000", false},
                                           EncodingCase{"wildcard", "*", true},
                                           EncodingCase{"wildcard_refused", "*;q=0", false},
                                           EncodingCase{"gzip_refused_despite_wildcard", "gzip;q=0, *;q=1", false},
                                           EncodingCase{"gzip_low_but_accepted", "br;q=1, gzip;q=0.1", true},
                                           EncodingCase{"malformed_q_ignored", "gzip;q=yes", false},
                                           EncodingCase{"deflate_only", "deflate", false}),
                         [](const ::testing::TestParamInfo<EncodingCase>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace host_exporter::exposition
