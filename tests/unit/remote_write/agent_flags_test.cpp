#include "remote_write/agent_flags.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace host_exporter::remote_write {
namespace {

using ::testing::HasSubstr;

AgentOptions parse(std::vector<std::string> args, const std::string& default_dir = "/state/remote-write") {
  CLI::App app;
  AgentFlagText text;
  add_agent_flags(app, text);
  std::reverse(args.begin(), args.end());
  app.parse(args);
  return apply_agent_flags(text, default_dir);
}

TEST(AgentFlags, OffByDefaultWithTheIssuesDefaults) {
  const AgentOptions options = parse({});
  EXPECT_FALSE(options.enabled());
  EXPECT_EQ(options.interval, std::chrono::seconds(15));
  EXPECT_EQ(options.queue_max_bytes, 256ull << 20);
  EXPECT_EQ(options.queue_dir, "/state/remote-write");
}

TEST(AgentFlags, TakesRepeatedUrlsAndLabels) {
  const AgentOptions options =
      parse({"--remote-write.url=http://a:8428/api/v1/write", "--remote-write.url=https://b/api/v1/push",
             "--remote-write.label=job=node", "--remote-write.label=dc=eu=1", "--remote-write.interval=30s",
             "--remote-write.queue-max-bytes=1GiB", "--remote-write.queue-dir=/q"});
  EXPECT_EQ(options.urls.size(), 2u);
  EXPECT_EQ(options.labels, (std::vector<std::pair<std::string, std::string>>{{"job", "node"}, {"dc", "eu=1"}}));
  EXPECT_EQ(options.interval, std::chrono::seconds(30));
  EXPECT_EQ(options.queue_max_bytes, 1ull << 30);
  EXPECT_EQ(options.queue_dir, "/q");
}

TEST(AgentFlags, RefusesWhatCannotWork) {
  EXPECT_THROW(parse({"--remote-write.url=vm:8428"}), std::invalid_argument);
  EXPECT_THROW(parse({"--remote-write.interval=0s"}), std::invalid_argument);
  EXPECT_THROW(parse({"--remote-write.label=bad-name=x"}), std::invalid_argument);
  EXPECT_THROW(parse({"--remote-write.label=__name__=x"}), std::invalid_argument);
  EXPECT_THROW(parse({"--remote-write.queue-max-bytes=lots"}), std::invalid_argument);
  EXPECT_THROW(parse({"--remote-write.include=("}), std::invalid_argument);
  EXPECT_THROW(parse({"--remote-write.url=http://a/"}, ""), std::invalid_argument);  // no queue directory
  // Two queues in one directory would delete each other's batches; two values for a label make
  // every series invalid at the receiver.
  const auto refusal = [](std::vector<std::string> args) -> std::string {
    try {
      parse(std::move(args));
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "accepted";
  };
  EXPECT_THAT(refusal({"--remote-write.url=http://a/w", "--remote-write.url=http://a/w"}), HasSubstr("given twice"));
  EXPECT_THAT(refusal({"--remote-write.label=dc=eu", "--remote-write.label=dc=us"}), HasSubstr("given twice"));
  EXPECT_THAT(refusal({"--remote-write.label=__tenant=x"}), HasSubstr("not starting with __"));
}

TEST(ParseByteSize, BinaryAndDecimalUnits) {
  EXPECT_EQ(parse_byte_size("1024"), 1024u);
  EXPECT_EQ(parse_byte_size("64KiB"), 65536u);
  EXPECT_EQ(parse_byte_size("2MB"), 2000000u);
  EXPECT_EQ(parse_byte_size("1.5GiB"), std::nullopt);
  EXPECT_EQ(parse_byte_size("99999999999999GiB"), std::nullopt);
}

}  // namespace
}  // namespace host_exporter::remote_write
