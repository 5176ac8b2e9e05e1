#include "server/web_config.hpp"

#include <gtest/gtest.h>

#include "server/basic_auth.hpp"

namespace host_exporter::server {
namespace {

// crypt(3) bcrypt hashes of "secret" (cost 5) and "pa:ss word" (cost 4).
constexpr const char* kSecret2b = "$2b$05$RwkzcCGIMXxwhvb4.5L7Le003GJXG/mXeYrI96bE2dGbud38pG6GG";
constexpr const char* kSecret2y = "$2y$05$RwkzcCGIMXxwhvb4.5L7Le003GJXG/mXeYrI96bE2dGbud38pG6GG";
constexpr const char* kColonPassword = "$2b$04$abcdefghijklmnopqrstuuPMR.XtQeAifPH2VcwUTuTZ49dCaHuiW";

std::string config_error(const std::string& yaml) {
  try {
    parse_web_config(yaml, "/etc/hx");
  } catch (const WebConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << yaml;
  return "";
}

TEST(WebConfig, EmptyFileMeansNothingChanges) {
  const auto config = parse_web_config("", "/etc/hx");
  EXPECT_FALSE(config.tls.has_value());
  EXPECT_TRUE(config.basic_auth_users.empty());
  EXPECT_TRUE(config.headers.empty());
}

TEST(WebConfig, TlsFilesRelativeToTheConfigFolder) {
  const auto config = parse_web_config("tls_server_config:\n  cert_file: server.crt\n  key_file: /abs/server.key\n",
                                       "/etc/hx");
  ASSERT_TRUE(config.tls.has_value());
  EXPECT_EQ(config.tls->cert_file, "/etc/hx/server.crt");
  EXPECT_EQ(config.tls->key_file, "/abs/server.key");
}

TEST(WebConfig, BasicAuthUsersAndHeaders) {
  const auto config = parse_web_config(std::string("basic_auth_users:\n  alice: ") + kSecret2b + "\n  bob: " +
                                           kSecret2y + "\nhttp_server_config:\n  headers:\n    X-Frame-Options: deny\n",
                                       "");
  EXPECT_EQ(config.basic_auth_users.size(), 2u);
  EXPECT_EQ(config.basic_auth_users.at("alice"), kSecret2b);
  EXPECT_EQ(config.headers.at("X-Frame-Options"), "deny");
}

TEST(WebConfig, RefusesWhatItDoesNotImplement) {
  EXPECT_NE(config_error("tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireAndVerifyClientCert\n")
                .find("client_auth_type"),
            std::string::npos);
  EXPECT_NE(config_error("tls_config:\n  cert_file: a\n").find("tls_config"), std::string::npos);
  EXPECT_NE(config_error("tls_server_config:\n  cert_file: a\n").find("key_file"), std::string::npos);
  EXPECT_NE(config_error("basic_auth_users:\n  alice: plaintext\n").find("alice"), std::string::npos);
  EXPECT_NE(config_error("[1, 2]").find("map"), std::string::npos);
  EXPECT_NE(config_error("tls_server_config: [").find("YAML"), std::string::npos);
}

std::string basic(const std::string& credentials) {
  // A tiny base64 encoder for the tests' credentials.
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < credentials.size(); i += 3) {
    unsigned bits = static_cast<unsigned char>(credentials[i]) << 16;
    if (i + 1 < credentials.size()) bits |= static_cast<unsigned char>(credentials[i + 1]) << 8;
    if (i + 2 < credentials.size()) bits |= static_cast<unsigned char>(credentials[i + 2]);
    out += kAlphabet[(bits >> 18) & 63];
    out += kAlphabet[(bits >> 12) & 63];
    out += i + 1 < credentials.size() ? kAlphabet[(bits >> 6) & 63] : '=';
    out += i + 2 < credentials.size() ? kAlphabet[bits & 63] : '=';
  }
  return "Basic " + out;
}

TEST(BasicAuth, AcceptsOnlyTheRightPassword) {
  const BasicAuth auth({{"alice", kSecret2b}, {"bob", kSecret2y}, {"carol", kColonPassword}});
  EXPECT_TRUE(auth.check(basic("alice:secret")));
  EXPECT_TRUE(auth.check(basic("alice:secret")));  // again, from the cache
  EXPECT_TRUE(auth.check(basic("bob:secret")));
  EXPECT_TRUE(auth.check(basic("carol:pa:ss word")));  // the password may hold colons
  EXPECT_TRUE(auth.check("basic " + basic("alice:secret").substr(6)));
  EXPECT_FALSE(auth.check(basic("alice:Secret")));
  EXPECT_FALSE(auth.check(basic("alice:")));
  EXPECT_FALSE(auth.check(basic("mallory:secret")));
  EXPECT_FALSE(auth.check(basic("alicesecret")));
  EXPECT_FALSE(auth.check(""));
  EXPECT_FALSE(auth.check("Bearer abc"));
  EXPECT_FALSE(auth.check("Basic !!!!"));
}

}  // namespace
}  // namespace host_exporter::server
