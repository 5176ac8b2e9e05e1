#include "server/routes.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "server/landing_page.hpp"

namespace host_exporter::server {
namespace {

const Handler nothing = [](const Request&, Response&) {};

TEST(Routes, AnExactPathMatchesOnlyItself) {
  Routes routes;
  routes.add_exact(Method::kGet, "/metrics.v1/(x)+", nothing);
  EXPECT_NE(routes.match("GET", "/metrics.v1/(x)+").route, nullptr);
  EXPECT_EQ(routes.match("GET", "/metricsXv1/(x)+").route, nullptr);
  EXPECT_EQ(routes.match("GET", "/metrics.v1/xx").route, nullptr);
}

TEST(Routes, TheLoopFindsLiteralRoutesOnlyAndRunsNoRegex) {
  Routes routes;
  routes.add_exact(Method::kGet, "/metrics", nothing);
  routes.add_pattern(Method::kPut, "/metrics/job/.+", nothing);
  const Route* found = routes.match_exact("HEAD", "/metrics");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->path, "/metrics");
  EXPECT_EQ(routes.match_exact("POST", "/metrics"), nullptr);
  EXPECT_EQ(routes.match_exact("PUT", "/metrics/job/x"), nullptr);
  EXPECT_NE(routes.match("PUT", "/metrics/job/x").route, nullptr);
}

TEST(Routes, AGetRouteAnswersHead) {
  Routes routes;
  routes.add_exact(Method::kGet, "/metrics", nothing);
  EXPECT_NE(routes.match("HEAD", "/metrics").route, nullptr);
}

TEST(Routes, AKnownPathWithAnotherMethodListsWhatItTakes) {
  Routes routes;
  routes.add_exact(Method::kGet, "/metrics", nothing);
  routes.add_pattern(Method::kDelete, "/metrics/job/.+", nothing);
  routes.add_pattern(Method::kPut, "/metrics/job/.+", nothing);
  routes.add_pattern(Method::kPost, "/metrics/job/.+", nothing);
  const RouteMatch wrong = routes.match("PATCH", "/metrics/job/x");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allow, "POST, PUT, DELETE");
  EXPECT_EQ(routes.match("POST", "/metrics").allow, "GET, HEAD");
}

TEST(Routes, AnUnknownPathMatchesNothing) {
  Routes routes;
  routes.add_exact(Method::kGet, "/metrics", nothing);
  const RouteMatch none = routes.match("GET", "/nowhere");
  EXPECT_EQ(none.route, nullptr);
  EXPECT_TRUE(none.allow.empty());
}

TEST(Routes, RefusesABrokenPatternWhenAdded) {
  Routes routes;
  EXPECT_THROW(routes.add_pattern(Method::kGet, "/metrics/(", {}), std::regex_error);
}

TEST(LandingPage, LinksEveryEndpointAndEscapesThePath) {
  const std::string page = render_landing_page("/m<x>", "1.2.3");
  EXPECT_NE(page.find("href=\"/m&lt;x&gt;\""), std::string::npos);
  EXPECT_NE(page.find("href=\"/-/healthy\""), std::string::npos);
  EXPECT_NE(page.find("href=\"/-/ready\""), std::string::npos);
  EXPECT_NE(page.find("1.2.3"), std::string::npos);
  EXPECT_EQ(page.find("<x>"), std::string::npos);
}

TEST(LandingPage, HtmlEscape) { EXPECT_EQ(html_escape(R"(<a href="x">'&'</a>)"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"); }

}  // namespace
}  // namespace host_exporter::server
