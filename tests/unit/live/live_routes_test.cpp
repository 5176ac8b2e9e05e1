// The live page's JSON routes through the real HTTP server: the numbers are the scrape's, the
// history keeps its windows, and basic auth guards them like /metrics.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "live/plain_page.hpp"
#include "live_fixture.hpp"

namespace host_exporter::live {
namespace {

using testing::LiveServer;

TEST(LiveRoutes, SnapshotCarriesTheScrapesNumbers) {
  LiveServer live;
  const auto res = live.get("/api/v1/snapshot");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.header("Content-Type"), "application/json");
  const auto json = nlohmann::json::parse(res.body);
  EXPECT_DOUBLE_EQ(json["memory_used_bytes"].get<double>(), 3.0 * (1u << 30));
  EXPECT_DOUBLE_EQ(json["cpu_ratio"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(json["cpu_window_end"].get<double>(), 1700000000);
  EXPECT_EQ(json["core_ratios"], nlohmann::json::parse("[0.5,0]"));
  EXPECT_DOUBLE_EQ(json["disk_read_bytes_per_second"].get<double>(), 1024);  // summed over devices
  EXPECT_TRUE(json["swap_used_bytes"].is_null());                            // absent from the scrape
  EXPECT_EQ(json["filesystems"][0]["mountpoint"], "/");
  EXPECT_DOUBLE_EQ(json["filesystems"][0]["size_bytes"].get<double>(), 1e9);
  ASSERT_EQ(json["process_groups"].size(), 2u);
  EXPECT_EQ(json["process_groups"][1]["name"], "python3");
  EXPECT_DOUBLE_EQ(json["process_groups"][1]["cpu_ratio"].get<double>(), 0.3);
  EXPECT_FALSE(json["environment"]["measures_host"].get<bool>());
  EXPECT_EQ(json["environment"]["container"], "docker");
  EXPECT_EQ(json["environment"]["fix"], "Run it natively.");
  EXPECT_TRUE(json["rag"].is_null());
}

TEST(LiveRoutes, HistoryKeepsEveryWindowOldestFirst) {
  LiveServer live;
  for (double used : {1.0, 2.0, 3.0}) {
    live.memory_used = used;
    live.page.sampler->take_sample(std::chrono::steady_clock::now());
  }
  const auto res = live.get("/api/v1/history");
  ASSERT_EQ(res.status, 200);
  const auto json = nlohmann::json::parse(res.body);
  EXPECT_EQ(json["points"], 3);
  EXPECT_EQ(json["memory_used_bytes"], nlohmann::json::parse("[1,2,3]"));
  EXPECT_EQ(json["core_ratios"], nlohmann::json::parse("[[0.5,0.5,0.5],[0,0,0]]"));
  EXPECT_EQ(json["time"].size(), 3u);
}

TEST(LiveRoutes, HistoryWritesMissingValuesAsNull) {
  HostHistory history(4);
  HostNumbers first{};
  first.cpu_ratio = std::nan("");  // the first window of a rate
  first.cores = {0.5f};
  HostNumbers second{};
  second.cpu_ratio = 0.25;
  second.cores = {0.5f, 1.0f};  // a core came online
  history.add(first);
  history.add(second);
  const auto json = nlohmann::json::parse(history.json(2));
  EXPECT_EQ(json["interval_seconds"], 2);
  EXPECT_EQ(json["cpu_ratio"], nlohmann::json::parse("[null,0.25]"));
  EXPECT_EQ(json["core_ratios"], nlohmann::json::parse("[[0.5,0.5],[null,1]]"));
}

TEST(LiveRoutes, ALabelOfAnyBytesStillGivesJson) {
  SnapshotJson snapshot({2, "9.9.9", ""});
  const std::vector<MetricFamily> families{
      {"node_uname_info", "", MetricType::kGauge, {{"nodename=\"host\xff\"", 1.0, {}}}}};
  const auto json = nlohmann::json::parse(snapshot.build(families, 100));
  EXPECT_EQ(json["hostname"], "host\xef\xbf\xbd");  // the invalid byte replaced by U+FFFD
  EXPECT_TRUE(json["cpu_ratio"].is_null());          // absent from the scrape
}

TEST(LiveRoutes, HistoryIsBoundedToFifteenMinutes) {
  HostHistory history(450);
  for (int i = 0; i < 1000; ++i) {
    HostNumbers numbers{};
    numbers.time = i;
    history.add(numbers);
  }
  EXPECT_EQ(history.size(), 450u);
  const auto json = nlohmann::json::parse(history.json(2));
  EXPECT_EQ(json["time"].front(), 550);
  EXPECT_EQ(json["time"].back(), 999);
  LiveServer live;
  EXPECT_EQ(live.page.sampler->history().capacity(), 450u);  // 15 min at 2 s
}

TEST(LiveRoutes, RootServesThePageAndLinksMoveToLinks) {
  LiveServer live;
  const auto page = live.get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  const auto links = live.get("/links");
  ASSERT_EQ(links.status, 200);
  EXPECT_NE(links.body.find("/metrics"), std::string::npos);
}

TEST(LiveRoutes, BasicAuthGuardsEveryLiveRoute) {
  server::HttpServerOptions options;
  options.authorize = [](const server::Request& req) {
    return req.headers.get("Authorization") == "Basic dXNlcjpwYXNz";  // user:pass
  };
  LiveServer live(std::move(options));
  for (const char* path : {"/", "/api/v1/snapshot", "/api/v1/history", "/api/v1/events"}) {
    const auto refused = live.get(path);
    EXPECT_EQ(refused.status, 401) << path;
    EXPECT_EQ(refused.header("WWW-Authenticate"), "Basic realm=\"host_exporter\"") << path;
  }
  const auto allowed = live.get("/api/v1/snapshot", {{"Authorization", "Basic dXNlcjpwYXNz"}});
  EXPECT_EQ(allowed.status, 200);
  EXPECT_TRUE(nlohmann::json::accept(allowed.body));
}

TEST(PlainPage, ShowsTheSameNumbersWithoutCharts) {
  // What / serves in a build without Node.js.
  std::vector<MetricFamily> families;
  testing::host_families(families, 3.0 * (1u << 30));
  const std::string page = render_plain_page(families, {2, "9.9.9", "Run it natively."}, 0);
  EXPECT_NE(page.find("<th>Memory used</th><td>3.0 GiB</td>"), std::string::npos);
  EXPECT_NE(page.find("<th>CPU</th><td>25%</td>"), std::string::npos);
  EXPECT_NE(page.find("<meta http-equiv=\"refresh\" content=\"2\">"), std::string::npos);
  EXPECT_NE(page.find("not the host's"), std::string::npos);
  EXPECT_NE(page.find("Run it natively."), std::string::npos);
  // Process groups by CPU, highest first.
  EXPECT_LT(page.find("<td>python3</td>"), page.find("<td>postgres</td>"));
}

}  // namespace
}  // namespace host_exporter::live
