// /api/v1/events through the real server: the stream opens with a snapshot, gets one event per
// published window, outlives the idle and read timeouts, is capped, and ends when the server stops.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "live_fixture.hpp"

namespace host_exporter::live {
namespace {

using testing::LiveServer;

// A client that keeps reading one response, as a browser's EventSource does.
class StreamClient {
 public:
  StreamClient(int port, const std::string& path) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) ADD_FAILURE() << "connect";
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n";
    (void)::send(fd_, request.data(), request.size(), MSG_NOSIGNAL);
  }
  ~StreamClient() { ::close(fd_); }

  // Reads until `text` has arrived `count` times in all, the stream ends, or 10 s pass without a byte.
  bool wait_for(std::string_view text, std::size_t count = 1) {
    for (;;) {
      if (occurrences(text) >= count) return true;
      pollfd poller{fd_, POLLIN, 0};
      if (::poll(&poller, 1, 10'000) <= 0) return false;
      char buffer[4096];
      const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (n <= 0) {
        ended_ = true;
        return occurrences(text) >= count;
      }
      received_.append(buffer, static_cast<std::size_t>(n));
    }
  }
  // Reads until the server closes the connection (false after 10 s of silence).
  bool wait_for_end() {
    while (!ended_) {
      if (!wait_for("\x01never")) return ended_;
    }
    return true;
  }
  std::size_t occurrences(std::string_view text) const {
    std::size_t count = 0;
    for (auto at = received_.find(text); at != std::string::npos; at = received_.find(text, at + 1)) ++count;
    return count;
  }
  const std::string& received() const { return received_; }

 private:
  int fd_ = -1;
  std::string received_;
  bool ended_ = false;
};

TEST(EventStream, OpensWithASnapshotThenOneEventPerWindow) {
  LiveServer live;
  StreamClient client(live.port(), "/api/v1/events");
  ASSERT_TRUE(client.wait_for("event: snapshot\n"));
  EXPECT_NE(client.received().find("HTTP/1.1 200 OK"), std::string::npos);
  EXPECT_NE(client.received().find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_NE(client.received().find("Transfer-Encoding: chunked"), std::string::npos);
  EXPECT_NE(client.received().find("retry: 2000"), std::string::npos);
  // The window publishes only once someone listens; the stream registers on the loop thread.
  for (int i = 0; i < 1000 && !live.page.sampler->feed()->watched(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(live.page.sampler->feed()->watched());
  live.memory_used = 12345;
  const int collections = live.process_collections.load();
  live.page.sampler->take_sample(std::chrono::steady_clock::now());
  ASSERT_TRUE(client.wait_for("event: snapshot\n", 2));
  const std::string data = "event: snapshot\ndata: ";
  const auto start = client.received().rfind(data) + data.size();
  const auto event = nlohmann::json::parse(client.received().substr(start, client.received().find('\n', start) - start));
  EXPECT_DOUBLE_EQ(event["memory_used_bytes"].get<double>(), 12345);
  EXPECT_GT(live.process_collections.load(), collections);  // with a page open, the window gathers everything
}

TEST(EventStream, NobodyListeningBuildsNoEvent) {
  LiveServer live;
  EXPECT_FALSE(live.page.sampler->feed()->watched());
  live.page.sampler->take_sample(std::chrono::steady_clock::now());
  EXPECT_EQ(live.page.sampler->feed()->latest().sequence, 0u);
  EXPECT_EQ(live.page.sampler->history().size(), 1u);  // the history is kept all the same
  EXPECT_EQ(live.process_collections.load(), 0);        // from the chart's collectors alone
}

TEST(EventStream, OutlivesTheIdleAndReadTimeouts) {
  server::HttpServerOptions options;
  options.idle_timeout = std::chrono::milliseconds(100);
  options.read_timeout = std::chrono::milliseconds(100);
  options.write_timeout = std::chrono::milliseconds(100);
  LiveServer live(std::move(options));
  StreamClient client(live.port(), "/api/v1/events");
  ASSERT_TRUE(client.wait_for("event: snapshot\n"));
  // Several times every timeout, with the client silent the whole time.
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  live.page.sampler->take_sample(std::chrono::steady_clock::now());
  EXPECT_TRUE(client.wait_for("event: snapshot\n", 2));
}

server::HttpServerOptions one_stream_at_most() {
  server::HttpServerOptions options;
  options.max_streams = 1;
  return options;
}

TEST(EventStream, StreamsAreCapped) {
  LiveServer live(one_stream_at_most());
  StreamClient first(live.port(), "/api/v1/events");
  ASSERT_TRUE(first.wait_for("event: snapshot\n"));
  const auto refused = live.get("/api/v1/events");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(live.http->stats()->refusals(server::Refusal::kTooManyStreams), 1u);
}

TEST(EventStream, AClosedStreamFreesItsPlace) {
  LiveServer live(one_stream_at_most());
  {
    StreamClient first(live.port(), "/api/v1/events");
    ASSERT_TRUE(first.wait_for("event: snapshot\n"));
  }
  // The server sees the client gone when it reads the end of the connection or its next write fails.
  bool freed = false;
  for (int i = 0; i < 200 && !freed; ++i) {
    live.page.sampler->take_sample(std::chrono::steady_clock::now());
    freed = !live.page.sampler->feed()->watched();
    if (!freed) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(freed);
  StreamClient second(live.port(), "/api/v1/events");
  EXPECT_TRUE(second.wait_for("event: snapshot\n"));
}

TEST(EventStream, StopEndsTheStream) {
  LiveServer live;
  StreamClient client(live.port(), "/api/v1/events");
  ASSERT_TRUE(client.wait_for("event: snapshot\n"));
  live.http->stop();
  EXPECT_TRUE(client.wait_for_end());
  EXPECT_NE(client.received().find("\r\n0\r\n\r\n"), std::string::npos);  // the last chunk: a clean end
  EXPECT_FALSE(live.page.sampler->feed()->watched());
}

}  // namespace
}  // namespace host_exporter::live
