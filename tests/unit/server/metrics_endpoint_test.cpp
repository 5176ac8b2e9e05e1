#include "server/metrics_endpoint.hpp"

#include <gtest/gtest.h>

#include "fake_sources.hpp"
#include "support/gunzip.hpp"

namespace host_exporter::server {
namespace {

constexpr const char* kPrometheusAccept =
    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
    "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

MetricsEndpoint two_sources() {
  MetricsEndpoint endpoint;
  endpoint.add_source(std::make_shared<testing::FixedSource>("first_gauge", 1));
  endpoint.add_source(std::make_shared<testing::FixedSource>("second_gauge", 2));
  return endpoint;
}

TEST(MetricsEndpoint, GathersSourcesInTheOrderAdded) {
  const auto endpoint = two_sources();
  std::vector<MetricFamily> families;
  endpoint.gather(families);
  ASSERT_EQ(families.size(), 2u);
  EXPECT_EQ(families[0].name, "first_gauge");
  EXPECT_EQ(families[1].name, "second_gauge");
}

TEST(MetricsEndpoint, ReadsCannotHangOnlyWhileEverySourceSaysSo) {
  MetricsEndpoint endpoint;
  EXPECT_TRUE(endpoint.reads_cannot_hang());  // nothing to read
  endpoint.add_source(std::make_shared<testing::BoundedSource>());
  EXPECT_TRUE(endpoint.reads_cannot_hang());
  endpoint.add_source(std::make_shared<testing::FixedSource>("unknown"));
  EXPECT_FALSE(endpoint.reads_cannot_hang());
}

TEST(MetricsEndpoint, PlainTextWithoutAcceptHeaders) {
  const auto rendered = two_sources().render("", "");
  EXPECT_EQ(rendered.format, exposition::Format::kText004);
  EXPECT_FALSE(rendered.gzip);
  EXPECT_NE(rendered.body.find("first_gauge 1\n"), std::string::npos);
  EXPECT_NE(rendered.body.find("second_gauge 2\n"), std::string::npos);
}

TEST(MetricsEndpoint, OpenMetricsForPrometheusAcceptHeader) {
  const auto rendered = two_sources().render(kPrometheusAccept, "");
  EXPECT_EQ(rendered.format, exposition::Format::kOpenMetrics100);
  EXPECT_TRUE(rendered.body.ends_with("# EOF\n"));
}

TEST(MetricsEndpoint, GzipOnlyWhenAccepted) {
  const auto plain = two_sources().render("", "br");
  EXPECT_FALSE(plain.gzip);

  const auto zipped = two_sources().render("", "gzip, deflate, br");
  ASSERT_TRUE(zipped.gzip);
  EXPECT_EQ(test::gunzip(zipped.body), plain.body);

  EXPECT_FALSE(two_sources().render("", "gzip;q=0").gzip);
}

TEST(MetricsEndpoint, AFailingSourceIsLeftOutWhole) {
  MetricsEndpoint endpoint;
  endpoint.add_source(std::make_shared<testing::FixedSource>("kept_gauge"));
  endpoint.add_source(std::make_shared<testing::ThrowingSource>());
  endpoint.add_source(std::make_shared<testing::FixedSource>("also_kept_gauge"));
  const auto rendered = endpoint.render("", "");
  EXPECT_NE(rendered.body.find("kept_gauge 1"), std::string::npos);
  EXPECT_NE(rendered.body.find("also_kept_gauge 1"), std::string::npos);
  EXPECT_EQ(rendered.body.find("half_written"), std::string::npos);
}

}  // namespace
}  // namespace host_exporter::server
