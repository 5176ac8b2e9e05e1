#include "host_exporter/exposer.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <stdexcept>
#include <variant>

#include "exposition/text_parser.hpp"
#include "host_exporter/registry.hpp"
#include "http_client/http_client.hpp"

namespace host_exporter {
namespace {

std::optional<http::ClientResponse> scrape(int port, std::vector<std::pair<std::string, std::string>> headers = {}) {
  http::ClientRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/metrics";
  request.headers = std::move(headers);
  try {
    return http::fetch(request);
  } catch (const http::ClientError&) {
    return std::nullopt;
  }
}

TEST(Exposer, ServesTheRegistryInTextFormat) {
  Registry registry;
  registry.counter("app_requests_total", "Requests.").get().inc(5);
  auto exposer = Exposer::start(registry, 0);
  ASSERT_GT(exposer->port(), 0);

  auto response = scrape(exposer->port());
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  auto parsed = exposition::parse_text(response->body);
  ASSERT_TRUE(std::holds_alternative<std::vector<MetricFamily>>(parsed));
  const auto& families = std::get<std::vector<MetricFamily>>(parsed);
  ASSERT_EQ(families.size(), 1u);
  EXPECT_EQ(families[0].series.at(0).scalar(), 5);
  exposer->stop();
}

TEST(Exposer, NegotiatesOpenMetricsAndGzip) {
  Registry registry;
  registry.gauge("app_up", "Up.").get().set(1);
  auto exposer = Exposer::start(registry, 0);
  auto om = scrape(exposer->port(), {{"Accept", "application/openmetrics-text;version=1.0.0"}});
  ASSERT_TRUE(om);
  EXPECT_EQ(om->header("Content-Type").rfind("application/openmetrics-text", 0), 0u);
  EXPECT_TRUE(om->body.ends_with("# EOF\n"));

  auto zipped = scrape(exposer->port(), {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->header("Content-Encoding"), "gzip");
  ASSERT_GE(zipped->body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(zipped->body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(zipped->body[1]), 0x8b);
  exposer->stop();
}

TEST(Exposer, StartingTwiceOnOneAddressReturnsTheRunningExposer) {
  Registry first, second;
  first.counter("first_total", "First.").get().inc();
  second.counter("second_total", "Second.").get().inc();
  auto exposer = Exposer::start(first, 0);
  auto again = Exposer::start(first, 0);
  EXPECT_EQ(again.get(), exposer.get());
  auto by_port = Exposer::start(second, exposer->port());  // the port it got: same exposer, one more source
  EXPECT_EQ(by_port.get(), exposer.get());

  auto response = scrape(exposer->port());
  ASSERT_TRUE(response);
  const auto families = std::get<std::vector<MetricFamily>>(exposition::parse_text(response->body));
  ASSERT_EQ(families.size(), 2u);
  EXPECT_EQ(families[0].name, "first_total");
  EXPECT_EQ(families[1].name, "second_total");

  exposer->stop();
  auto restarted = Exposer::start(first, 0);  // stop() forgot the address
  EXPECT_NE(restarted.get(), exposer.get());
  restarted->stop();
}

TEST(Exposer, AnAddressHeldByAnotherSocketFailsWithItsName) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const int port = ntohs(address.sin_port);

  Registry registry;
  try {
    Exposer::start(registry, port);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(port)), std::string::npos) << e.what();
  }
  ::close(fd);
}

}  // namespace
}  // namespace host_exporter
