#include "host_exporter/pusher.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <stdexcept>
#include <thread>
#include <variant>

#include "exposition/text_parser.hpp"
#include "host_exporter/registry.hpp"
#include "ingest/grouping_key.hpp"
#include "server/http_server.hpp"

namespace host_exporter {
namespace {

struct Recorded {
  std::string method, path, body, content_type;
};

// A loopback HTTP server that records every request and answers with a set status.
class RecordingServer {
 public:
  RecordingServer() {
    const auto record = [this](const server::Request& req, server::Response& res) {
      std::lock_guard lock(mutex_);
      requests_.push_back({req.method, req.path, req.body, std::string(req.headers.get("Content-Type"))});
      server::respond(res, status_, reply_);
    };
    server::Routes routes;
    for (const auto method : {server::Method::kPut, server::Method::kPost, server::Method::kDelete}) {
      routes.add_pattern(method, ".*", record);
    }
    server::HttpServerOptions options;
    options.addresses.push_back({"127.0.0.1", 0, "127.0.0.1:0"});
    server_ = std::make_unique<server::HttpServer>(std::move(options), std::move(routes));
    server_->start();
    port_ = server_->bound_ports().at(0);
  }
  ~RecordingServer() { server_->stop(); }
  void answer(int status, std::string body) {
    std::lock_guard lock(mutex_);
    status_ = status;
    reply_ = std::move(body);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Recorded> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  std::unique_ptr<server::HttpServer> server_;
  int port_ = 0;
  std::mutex mutex_;
  int status_ = 200;
  std::string reply_;
  std::vector<Recorded> requests_;
};

ingest::GroupingKey parsed_key(const std::string& path) {
  auto key = ingest::parse_push_path(path);
  if (auto* reason = std::get_if<std::string>(&key)) ADD_FAILURE() << path << ": " << *reason;
  return std::get<ingest::GroupingKey>(key);
}

TEST(PushPath, PlainValuesTravelAsTheyAre) {
  EXPECT_EQ(push_path("batch", {{"instance", "db1"}}), "/metrics/job/batch/instance/db1");
}

TEST(PushPath, SlashesEmptyAndOtherValuesTravelInBase64) {
  const std::string path = push_path("a/b", {{"path", "/var/tmp"}, {"empty", ""}, {"note", "x y"}});
  EXPECT_EQ(path, "/metrics/job@base64/YS9i/path@base64/L3Zhci90bXA/empty@base64/=/note@base64/eCB5");
  // The server's own parser reads back what we meant.
  const ingest::GroupingKey expected{{"empty", ""}, {"job", "a/b"}, {"note", "x y"}, {"path", "/var/tmp"}};
  EXPECT_EQ(parsed_key(path), expected);
}

TEST(PushPath, RefusesAnEmptyJobABadLabelNameAndAJobLabel) {
  EXPECT_THROW(push_path(""), std::invalid_argument);
  EXPECT_THROW(push_path("j", {{"bad-name", "x"}}), std::invalid_argument);
  EXPECT_THROW(push_path("j", {{"job", "x"}}), std::invalid_argument);
}

TEST(Pusher, RefusesMalformedUrls) {
  EXPECT_THROW(Pusher("127.0.0.1:9101", "j"), std::invalid_argument);
  EXPECT_THROW(Pusher("ftp://host", "j"), std::invalid_argument);
  EXPECT_THROW(Pusher("http:///metrics", "j"), std::invalid_argument);
}

TEST(Pusher, PutsTheRegistryAsTextUnderTheGroupPath) {
  RecordingServer server;
  Registry registry;
  registry.counter("rag_query_total", "Queries.").get().inc(7);
  registry.gauge("rag_cache_hit_rate", "Hit rate.").get().set(0.25);

  Pusher pusher(server.url(), "rag", {{"instance", "laptop/1"}});
  pusher.push(registry);

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].path, "/metrics/job/rag/instance@base64/bGFwdG9wLzE");
  const ingest::GroupingKey expected{{"instance", "laptop/1"}, {"job", "rag"}};
  EXPECT_EQ(parsed_key(requests[0].path), expected);
  EXPECT_EQ(requests[0].content_type, "text/plain; version=0.0.4; charset=utf-8");

  auto parsed = exposition::parse_text(requests[0].body);
  ASSERT_TRUE(std::holds_alternative<std::vector<MetricFamily>>(parsed))
      << std::get<exposition::ParseError>(parsed).message();
  const auto& families = std::get<std::vector<MetricFamily>>(parsed);
  ASSERT_EQ(families.size(), 2u);
  EXPECT_EQ(families[0].name, "rag_query_total");
  EXPECT_EQ(families[0].type, MetricType::kCounter);
  EXPECT_EQ(families[0].series.at(0).scalar(), 7);
  EXPECT_EQ(families[1].series.at(0).scalar(), 0.25);
}

TEST(Pusher, PushAddPostsAndRemoveDeletesWithoutABody) {
  RecordingServer server;
  Registry registry;
  Pusher pusher(server.url() + "/gateway/", "nightly");
  pusher.push_add(registry);
  server.answer(202, "");
  pusher.remove();
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/gateway/metrics/job/nightly");
  EXPECT_EQ(requests[1].method, "DELETE");
  EXPECT_EQ(requests[1].path, "/gateway/metrics/job/nightly");
  EXPECT_TRUE(requests[1].body.empty());
}

TEST(Pusher, RefusedPushThrowsWithTheServersReason) {
  RecordingServer server;
  server.answer(400, "pushed metrics are invalid: line 2: unexpected end of input\n\nmore detail\n");
  Registry registry;
  try {
    Pusher(server.url(), "rag").push(registry);
    FAIL() << "no PushError";
  } catch (const PushError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.reason(), "pushed metrics are invalid: line 2: unexpected end of input");
    EXPECT_EQ(std::string(e.what()), "PUT " + server.url() +
                                         "/metrics/job/rag failed: HTTP 400: pushed metrics are invalid: line 2: "
                                         "unexpected end of input");
  }
}

TEST(Pusher, NoServerThrowsWithStatusZero) {
  // A port that was free a moment ago and is closed now: the connection is refused.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  const int port = ntohs(address.sin_port);

  Registry registry;
  try {
    Pusher pusher("http://127.0.0.1:" + std::to_string(port), "rag");
    pusher.set_timeout(std::chrono::seconds(2));
    pusher.push(registry);
    FAIL() << "no PushError";
  } catch (const PushError& e) {
    EXPECT_EQ(e.status(), 0);
    EXPECT_FALSE(e.reason().empty());
    EXPECT_NE(std::string(e.what()).find("failed"), std::string::npos);
  }
}

}  // namespace
}  // namespace host_exporter
