// host_exporter/exposition.hpp: the core's encoder as applications call it.
#include "host_exporter/exposition.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host_exporter/registry.hpp"

namespace host_exporter {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(PublicEncode, WritesARegistryAsText) {
  Registry registry;
  registry.counter("app_jobs_total", "Jobs done.", {"queue"}).labels({"mail"}).inc(3);
  EXPECT_EQ(encode(registry),
            "# HELP app_jobs_total Jobs done.\n# TYPE app_jobs_total counter\napp_jobs_total{queue=\"mail\"} 3\n");
  EXPECT_EQ(content_type(ExpositionFormat::kText004), "text/plain; version=0.0.4; charset=utf-8");
}

TEST(PublicEncode, WritesOpenMetricsWithTheCountersCreatedTime) {
  Registry registry;
  registry.counter("app_jobs_total", "Jobs done.", {"queue"}).labels({"mail"}).inc(3);
  const std::string body = encode(registry, ExpositionFormat::kOpenMetrics100);
  EXPECT_THAT(body, HasSubstr("# TYPE app_jobs counter\napp_jobs_total{queue=\"mail\"} 3\n"));
  EXPECT_THAT(body, ContainsRegex("\napp_jobs_created\\{queue=\"mail\"\\} 1[0-9]{9}(\\.[0-9]+)?\n# EOF\n$"));
  EXPECT_THAT(encode(registry), Not(HasSubstr("_created")));
  EXPECT_EQ(content_type(ExpositionFormat::kOpenMetrics100),
            "application/openmetrics-text; version=1.0.0; charset=utf-8");
}

}  // namespace
}  // namespace host_exporter
