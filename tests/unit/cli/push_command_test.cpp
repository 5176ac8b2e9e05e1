#include "cli/push_command.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace host_exporter::cli {
namespace {

// Two groups as GET /api/v1/metrics gives them (Pushgateway's shape, values as strings).
constexpr const char* kTwoGroups = R"({"status":"success","data":[
  {"labels":{"job":"rag_web","instance":"box/rag_web"},"last_push_successful":true,
   "rag_query_total":{"type":"COUNTER","metrics":[{"labels":{},"value":"3"}]},
   "push_time_seconds":{"type":"GAUGE","metrics":[{"labels":{},"value":"1.7e+09"}]},
   "push_failure_time_seconds":{"type":"GAUGE","metrics":[{"labels":{},"value":"0"}]}},
  {"labels":{"job":"test","instance":"","site":"x"},"last_push_successful":true,
   "push_time_seconds":{"type":"GAUGE","metrics":[{"labels":{},"value":"1699996400"}]}}]})";

struct FakeServer {
  std::vector<std::pair<std::string, std::string>> calls;
  HttpReply reply;
  HttpCall call() {
    return [this](const std::string& method, const std::string& url) {
      calls.emplace_back(method, url);
      return reply;
    };
  }
};

TEST(PushCommand, DecodesGroupsTheirLastPushAndMetrics) {
  const auto groups = decode_pushed_groups(kTwoGroups);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].labels, (LabelPairs{{"instance", "box/rag_web"}, {"job", "rag_web"}}));
  EXPECT_EQ(groups[0].push_time_seconds, 1.7e9);
  EXPECT_EQ(groups[0].metrics, std::vector<std::string>{"rag_query_total"});
  EXPECT_TRUE(groups[1].metrics.empty());
  EXPECT_THROW(decode_pushed_groups("<html>"), std::runtime_error);
}

TEST(PushCommand, ListAsksTheApiAndPrintsOneLinePerGroup) {
  FakeServer server;
  server.reply = {200, kTwoGroups, ""};
  std::ostringstream out, err;
  EXPECT_EQ(run_push_list(server.call(), "http://127.0.0.1:9101/", 1.7e9 + 90, out, err), 0);
  EXPECT_EQ(server.calls, (LabelPairs{{"GET", "http://127.0.0.1:9101/api/v1/metrics"}}));
  const std::string text = out.str();
  EXPECT_NE(text.find("JOB"), std::string::npos);
  EXPECT_NE(text.find("rag_web  box/rag_web"), std::string::npos) << text;
  EXPECT_NE(text.find("90 s ago"), std::string::npos) << text;
  EXPECT_NE(text.find("site=x"), std::string::npos) << text;
  EXPECT_TRUE(err.str().empty());
}

TEST(PushCommand, ListSaysWhyWhenTheServerIsDown) {
  FakeServer server;
  server.reply = {0, "", "could not connect"};
  std::ostringstream out, err;
  EXPECT_EQ(run_push_list(server.call(), "http://127.0.0.1:9", 0, out, err), 1);
  EXPECT_NE(err.str().find("could not connect"), std::string::npos);
}

TEST(PushCommand, DeleteSendsTheGroupsPathWithEncodedValues) {
  FakeServer server;
  server.reply = {202, "", ""};
  std::ostringstream out, err;
  EXPECT_EQ(run_push_delete(server.call(), "http://h:9101", "rag", {{"instance", "box/rag_web"}}, out, err), 0);
  EXPECT_EQ(server.calls,
            (LabelPairs{{"DELETE", "http://h:9101/metrics/job/rag/instance@base64/Ym94L3JhZ193ZWI"}}));
}

TEST(PushCommand, DeleteReportsARefusal) {
  FakeServer server;
  server.reply = {400, "invalid label name\nmore", ""};
  std::ostringstream out, err;
  EXPECT_EQ(run_push_delete(server.call(), "http://h:9101", "rag", {{"1x", "y"}}, out, err), 1);
  EXPECT_NE(err.str().find("HTTP 400: invalid label name"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace host_exporter::cli
