#include "server/listen_address.hpp"

#include <gtest/gtest.h>

namespace host_exporter::server {
namespace {

ListenAddress parse_ok(std::string_view text) {
  std::string error;
  const auto address = parse_listen_address(text, error);
  EXPECT_TRUE(address.has_value()) << text << ": " << error;
  return address.value_or(ListenAddress{});
}

std::string parse_error(std::string_view text) {
  std::string error;
  EXPECT_FALSE(parse_listen_address(text, error).has_value()) << text;
  return error;
}

TEST(ListenAddress, HostAndPort) {
  const auto address = parse_ok("127.0.0.1:9101");
  EXPECT_EQ(address.host, "127.0.0.1");
  EXPECT_EQ(address.port, 9101);
  EXPECT_EQ(address.text, "127.0.0.1:9101");
}

TEST(ListenAddress, HostName) { EXPECT_EQ(parse_ok("localhost:80").host, "localhost"); }

TEST(ListenAddress, BracketedIpv6) {
  const auto address = parse_ok("[::1]:9101");
  EXPECT_EQ(address.host, "::1");
  EXPECT_EQ(address.port, 9101);
}

TEST(ListenAddress, EmptyHostMeansEveryInterface) { EXPECT_EQ(parse_ok(":9101").host, "::"); }

TEST(ListenAddress, RefusesMissingOrBadPort) {
  EXPECT_NE(parse_error("127.0.0.1").find("port"), std::string::npos);
  EXPECT_NE(parse_error("127.0.0.1:").find("port"), std::string::npos);
  EXPECT_NE(parse_error("127.0.0.1:http").find("port"), std::string::npos);
  EXPECT_NE(parse_error("127.0.0.1:0").find("port"), std::string::npos);
  EXPECT_NE(parse_error("127.0.0.1:65536").find("port"), std::string::npos);
  EXPECT_NE(parse_error("127.0.0.1:-1").find("port"), std::string::npos);
  EXPECT_NE(parse_error("127.0.0.1:91 01").find("port"), std::string::npos);
}

TEST(ListenAddress, RefusesIpv6WithoutBrackets) { EXPECT_NE(parse_error("::1:9101").find("brackets"), std::string::npos); }

TEST(ListenAddress, RefusesBrokenBrackets) {
  parse_error("[::1:9101");
  parse_error("[::1]9101");
  parse_error("[]:9101");
}

}  // namespace
}  // namespace host_exporter::server
