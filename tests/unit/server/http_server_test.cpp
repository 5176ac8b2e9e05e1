// The server on a real loopback socket, in process: routing, status codes,
// negotiation, compression done once, the scrape limit, graceful stop.

#include "server/http_server.hpp"

#include <gtest/gtest.h>

#include <future>
#include <optional>
#include <thread>

#include "fake_sources.hpp"
#include "http_client/http_client.hpp"
#include "support/gunzip.hpp"
#include "server/exporter_routes.hpp"
#include "server/inline_budget.hpp"

namespace host_exporter::server {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPrometheusAccept =
    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
    "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

struct RunningServer {
  explicit RunningServer(std::shared_ptr<Collector> source, std::size_t max_requests = 40, int listeners = 1) {
    auto endpoint = std::make_shared<MetricsEndpoint>();
    endpoint->add_source(std::move(source));
    Routes routes;
    add_exporter_routes(routes, endpoint, {"/metrics", max_requests, "9.9.9", {}});
    HttpServerOptions options;
    for (int i = 0; i < listeners; ++i) options.addresses.push_back({"127.0.0.1", 0, "127.0.0.1:0"});
    server = std::make_unique<HttpServer>(std::move(options), std::move(routes));
    server->start();
  }

  // A request as a client sends it; nullopt when no answer came.
  std::optional<http::ClientResponse> send(std::string method, const std::string& path, Headers headers = {},
                                           std::size_t listener = 0) const {
    http::ClientRequest request;
    request.method = std::move(method);
    request.url = "http://127.0.0.1:" + std::to_string(server->bound_ports().at(listener)) + path;
    request.headers = std::move(headers);
    try {
      return http::fetch(request);
    } catch (const http::ClientError&) {
      return std::nullopt;
    }
  }
  std::optional<http::ClientResponse> get(const std::string& path, Headers headers = {}, std::size_t listener = 0) const {
    return send("GET", path, std::move(headers), listener);
  }

  std::unique_ptr<HttpServer> server;
};

Headers identity() { return {{"Accept-Encoding", "identity"}}; }

std::size_t header_count(const http::ClientResponse& res, std::string_view name) {
  std::size_t count = 0;
  for (const auto& [field, value] : res.headers) count += field == name ? 1 : 0;
  return count;
}

TEST(HttpServer, ServesPlainTextMetrics) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge", 7));
  const auto res = running.get("/metrics", identity());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_FALSE(!res->header("Content-Encoding").empty());
  EXPECT_NE(res->body.find("test_gauge 7\n"), std::string::npos);
}

TEST(HttpServer, ServesOpenMetricsToPrometheus) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"));
  const auto res = running.get("/metrics", {{"Accept", kPrometheusAccept}, {"Accept-Encoding", "identity"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->header("Content-Type"), "application/openmetrics-text; version=1.0.0; charset=utf-8");
  EXPECT_TRUE(res->body.ends_with("# EOF\n"));
}

TEST(HttpServer, CompressesMetricsOnceWithGzipEvenWhenBrotliIsOffered) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"));
  const auto res = running.get("/metrics", {{"Accept-Encoding", "br, gzip, deflate"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(header_count(*res, "Content-Encoding"), 1u);
  EXPECT_EQ(res->header("Content-Encoding"), "gzip");
  EXPECT_EQ(res->header("Content-Length"), std::to_string(res->body.size()));
  const std::string body = test::gunzip(res->body);
  EXPECT_TRUE(body.starts_with("# HELP test_gauge")) << "compressed more than once?";
}

TEST(HttpServer, NeverCompressesOtherPages) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"));
  for (const char* path : {"/links", "/-/healthy", "/-/ready", "/nowhere"}) {
    const auto res = running.get(path, {{"Accept-Encoding", "br, gzip"}});
    ASSERT_TRUE(res) << path;
    EXPECT_FALSE(!res->header("Content-Encoding").empty()) << path;
  }
}

TEST(HttpServer, LandingPageAndHealth) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"));
  const auto landing = running.get("/links", identity());
  ASSERT_TRUE(landing);
  EXPECT_EQ(landing->status, 200);
  EXPECT_EQ(landing->header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(landing->body.find("href=\"/metrics\""), std::string::npos);
  EXPECT_NE(landing->body.find("9.9.9"), std::string::npos);

  const auto healthy = running.get("/-/healthy", identity());
  ASSERT_TRUE(healthy);
  EXPECT_EQ(healthy->status, 200);
  EXPECT_EQ(healthy->body, "host_exporter is Healthy.\n");
  const auto ready = running.get("/-/ready", identity());
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200);
  EXPECT_EQ(ready->body, "host_exporter is Ready.\n");
}

TEST(HttpServer, UnknownPathIs404) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"));
  const auto res = running.get("/metricsx", identity());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->body, "404 page not found\n");
}

TEST(HttpServer, WrongMethodIs405WithAllow) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"));
  const auto post = running.send("POST", "/metrics", {{"Content-Type", "text/plain"}});
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->header("Allow"), "GET, HEAD");
  const auto del = running.send("DELETE", "/-/ready");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
}

TEST(HttpServer, HeadAnswersWithHeadersOnly) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"));
  const auto res = running.send("HEAD", "/metrics", identity());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_GT(std::stoul(std::string(res->header("Content-Length"))), 0u);
  EXPECT_TRUE(res->body.empty());
}

TEST(HttpServer, RefusesScrapesBeyondMaxRequestsWith503) {
  auto slow = std::make_shared<testing::BlockingSource>();
  RunningServer running(slow, /*max_requests=*/1);
  auto first = std::async(std::launch::async, [&] { return running.get("/metrics", identity()); });
  slow->wait_until_started();

  const auto refused = running.get("/metrics", identity());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_NE(refused->body.find("--web.max-requests"), std::string::npos);
  const auto health = running.get("/-/healthy", identity());  // not limited
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  slow->release();
  const auto served = first.get();
  ASSERT_TRUE(served);
  EXPECT_EQ(served->status, 200);
  const auto after = running.get("/metrics", identity());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST(HttpServer, AScrapeOfSourcesThatCannotHangRunsOnTheLoop) {
  RunningServer running(std::make_shared<testing::BoundedSource>());
  for (int i = 0; i < 3; ++i) {
    const auto res = running.get("/metrics", identity());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_NE(res->body.find("bounded_gauge 1"), std::string::npos);
  }
  const auto health = running.get("/-/healthy");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(running.server->stats()->handled_count(HandledOn::kLoop), 4u);
  EXPECT_EQ(running.server->stats()->handled_count(HandledOn::kWorker), 0u);
}

TEST(HttpServer, AScrapeOfASourceThatMayHangRunsOnAWorker) {
  RunningServer running(std::make_shared<testing::FixedSource>("may_hang"));  // says nothing: may hang
  const auto res = running.get("/metrics", identity());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(running.server->stats()->handled_count(HandledOn::kLoop), 0u);
  EXPECT_EQ(running.server->stats()->handled_count(HandledOn::kWorker), 1u);
}

TEST(HttpServer, AnInlineScrapeThatRanOverTheBudgetSendsTheNextToAWorker) {
  RunningServer running(
      std::make_shared<testing::BoundedSource>(std::chrono::duration_cast<std::chrono::milliseconds>(
          InlineBudget{}.budget() + std::chrono::milliseconds(10))));
  for (int i = 0; i < 2; ++i) {
    const auto res = running.get("/metrics", identity());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  EXPECT_EQ(running.server->stats()->handled_count(HandledOn::kLoop), 1u);  // the slow one
  EXPECT_EQ(running.server->stats()->handled_count(HandledOn::kWorker), 1u);
}

TEST(HttpServer, WithBasicAuthEveryRequestRunsOnAWorker) {
  auto endpoint = std::make_shared<MetricsEndpoint>();
  endpoint->add_source(std::make_shared<testing::BoundedSource>());
  Routes routes;
  add_exporter_routes(routes, endpoint, {"/metrics", 40, "9.9.9", {}});
  HttpServerOptions options;
  options.addresses.push_back({"127.0.0.1", 0, "127.0.0.1:0"});
  options.authorize = [](const Request&) { return true; };  // stands for a bcrypt check
  HttpServer server(std::move(options), std::move(routes));
  server.start();
  http::ClientRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(server.bound_ports().at(0)) + "/-/healthy";
  EXPECT_EQ(http::fetch(request).status, 200);
  EXPECT_EQ(server.stats()->handled_count(HandledOn::kLoop), 0u);
  EXPECT_EQ(server.stats()->handled_count(HandledOn::kWorker), 1u);
}

TEST(HttpServer, TheFirstAnsweredScrapeCallsBackOnceAndARefusedOneNever) {
  auto slow = std::make_shared<testing::BlockingSource>();
  auto endpoint = std::make_shared<MetricsEndpoint>();
  endpoint->add_source(slow);
  std::atomic<int> calls{0};
  Routes routes;
  add_exporter_routes(routes, endpoint, {"/metrics", 1, "9.9.9", [&] { ++calls; }});
  HttpServerOptions options;
  options.addresses.push_back({"127.0.0.1", 0, "127.0.0.1:0"});
  HttpServer server(std::move(options), std::move(routes));
  server.start();
  http::ClientRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(server.bound_ports().at(0)) + "/metrics";
  auto first = std::async(std::launch::async, [&] { return http::fetch(request); });
  slow->wait_until_started();
  EXPECT_EQ(http::fetch(request).status, 503);  // over --web.max-requests: not a scrape
  EXPECT_EQ(calls.load(), 0);
  slow->release();
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(http::fetch(request).status, 200);
  EXPECT_EQ(calls.load(), 1);
}

TEST(HttpServer, EveryListenAddressServes) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"), 40, /*listeners=*/2);
  const auto ports = running.server->bound_ports();
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_NE(ports[0], ports[1]);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto res = running.get("/metrics", identity());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
}

TEST(HttpServer, AnAddressInUseFailsTheStartAndNamesTheAddress) {
  RunningServer running(std::make_shared<testing::FixedSource>("test_gauge"));
  const int taken = running.server->bound_ports().at(0);
  HttpServerOptions options;
  options.addresses.push_back({"127.0.0.1", 0, "127.0.0.1:0"});
  const std::string text = "127.0.0.1:" + std::to_string(taken);
  options.addresses.push_back({"127.0.0.1", taken, text});
  HttpServer second(std::move(options), Routes{});
  try {
    second.start();
    FAIL() << "a second server bound a port in use";
  } catch (const BindError& e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("in use"), std::string::npos) << e.what();
  }
}

TEST(HttpServer, AnUnresolvableHostFailsTheStart) {
  HttpServerOptions options;
  options.addresses.push_back({"host.invalid", 9, "host.invalid:9"});
  HttpServer server(std::move(options), Routes{});
  try {
    server.start();
    FAIL() << "bound an unresolvable host";
  } catch (const BindError& e) {
    EXPECT_NE(std::string(e.what()).find("host.invalid:9: cannot resolve host"), std::string::npos) << e.what();
  }
}

TEST(HttpServer, StopLetsAnInFlightScrapeFinish) {
  auto slow = std::make_shared<testing::BlockingSource>();
  RunningServer running(slow);
  auto scrape = std::async(std::launch::async, [&] { return running.get("/metrics", identity()); });
  slow->wait_until_started();
  auto stopping = std::async(std::launch::async, [&] { running.server->stop(); });
  // The listener closes at once; the scrape that is running still completes.
  while (running.get("/-/healthy", identity())) std::this_thread::yield();
  slow->release();
  const auto res = scrape.get();
  stopping.get();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("slow_gauge 1"), std::string::npos);
}

}  // namespace
}  // namespace host_exporter::server
