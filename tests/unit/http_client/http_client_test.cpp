#include "http_client/http_client.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace host_exporter::http {
namespace {

TEST(ParseUrl, SplitsSchemeHostPortAndTarget) {
  const Url url = parse_url("https://prom.example:9443/prefix/api?x=1");
  EXPECT_TRUE(url.tls);
  EXPECT_EQ(url.host, "prom.example");
  EXPECT_EQ(url.port, 9443);
  EXPECT_EQ(url.target, "/prefix/api?x=1");
}

TEST(ParseUrl, DefaultsThePortAndThePath) {
  const Url plain = parse_url("http://localhost");
  EXPECT_EQ(plain.port, 80);
  EXPECT_EQ(plain.target, "/");
  EXPECT_EQ(parse_url("https://h").port, 443);
  EXPECT_EQ(parse_url("http://h?q=1").target, "/?q=1");
}

TEST(ParseUrl, TakesBracketedIpv6) {
  const Url url = parse_url("http://[::1]:9101/metrics");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 9101);
}

TEST(ParseUrl, RefusesWhatItCannotUse) {
  EXPECT_THROW(parse_url("ftp://h/"), ClientError);
  EXPECT_THROW(parse_url("127.0.0.1:9090"), ClientError);
  EXPECT_THROW(parse_url("http:///x"), ClientError);
  EXPECT_THROW(parse_url("http://h:99999/"), ClientError);
  EXPECT_THROW(parse_url("http://h:x/"), ClientError);
  EXPECT_THROW(parse_url("http://user:pw@h/"), ClientError);
}

TEST(EncodeQueryValue, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(encode_query_value("rate(x[1m]) > 0 & y=\"z\""), "rate%28x%5B1m%5D%29%20%3E%200%20%26%20y%3D%22z%22");
  EXPECT_EQ(encode_query_value("a-b.c_d~"), "a-b.c_d~");
}

TEST(Fetch, SaysWhenNothingListens) {
  // A port that was just free: bind, read it, close.
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(probe);
  ClientRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/";
  try {
    fetch(request);
    FAIL() << "an answer from a closed port";
  } catch (const ClientError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot connect"), std::string::npos) << e.what();
  }
}

TEST(Fetch, SaysWhenAHostDoesNotResolve) {
  ClientRequest request;
  request.url = "http://host.invalid/";
  EXPECT_THROW(
      {
        try {
          fetch(request);
        } catch (const ClientError& e) {
          EXPECT_NE(std::string(e.what()).find("cannot resolve host host.invalid"), std::string::npos) << e.what();
          throw;
        }
      },
      ClientError);
}

}  // namespace
}  // namespace host_exporter::http
