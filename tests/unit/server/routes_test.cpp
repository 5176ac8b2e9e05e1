#include "server/routes.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "server/landing_page.hpp"

namespace host_exporter::server {
namespace {

TEST(Routes, ExactPathPatternMatchesOnlyThatPath) {
  const std::regex pattern(exact_path_pattern("/metrics.v1/(x)+"));
  EXPECT_TRUE(std::regex_match("/metrics.v1/(x)+", pattern));
  EXPECT_FALSE(std::regex_match("/metricsXv1/(x)+", pattern));
  EXPECT_FALSE(std::regex_match("/metrics.v1/xx", pattern));
}

TEST(Routes, AllowedMethodsListsWhatIsRegisteredForThePattern) {
  Routes routes;
  const Handler nothing = [](const httplib::Request&, httplib::Response&) {};
  routes.add_exact(Method::kGet, "/metrics", nothing);
  routes.add_pattern(Method::kDelete, "/metrics/job/.+", nothing);
  routes.add_pattern(Method::kPut, "/metrics/job/.+", nothing);
  routes.add_pattern(Method::kPost, "/metrics/job/.+", nothing);
  EXPECT_EQ(routes.allowed_methods(exact_path_pattern("/metrics")), "GET, HEAD");
  EXPECT_EQ(routes.allowed_methods("/metrics/job/.+"), "POST, PUT, DELETE");
  EXPECT_EQ(routes.all().size(), 4u);
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
