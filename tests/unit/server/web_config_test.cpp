#include "server/web_config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "server/basic_auth.hpp"
#include "server/bcrypt_hash.hpp"

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
  EXPECT_NE(config_error("tls_server_config:\n  cert: inline\n  key_file: b\n").find("cert_file"), std::string::npos);
  EXPECT_NE(config_error("tls_config:\n  cert_file: a\n").find("tls_config"), std::string::npos);
  EXPECT_NE(config_error("tls_server_config:\n  cert_file: a\n").find("key_file"), std::string::npos);
  EXPECT_NE(config_error("basic_auth_users:\n  alice: plaintext\n").find("alice"), std::string::npos);
  EXPECT_NE(config_error("[1, 2]").find("map"), std::string::npos);
  EXPECT_NE(config_error("tls_server_config: [").find("YAML"), std::string::npos);
}

TEST(WebConfig, ClientCertificatesVersionsSuitesAndCurves) {
  const auto config = parse_web_config(
      "tls_server_config:\n  cert_file: s.crt\n  key_file: s.key\n  client_ca_file: ca.crt\n"
      "  client_auth_type: RequireAndVerifyClientCert\n  min_version: TLS13\n  max_version: TLS13\n"
      "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\n  curve_preferences: [X25519, CurveP256]\n"
      "  prefer_server_cipher_suites: false\n  client_allowed_sans: [scraper.example, 127.0.0.1]\n",
      "/etc/hx");
  ASSERT_TRUE(config.tls.has_value());
  const TlsSettings& tls = *config.tls;
  EXPECT_EQ(tls.client_ca_file, "/etc/hx/ca.crt");
  EXPECT_EQ(tls.client_auth, ClientAuth::kRequireAndVerify);
  EXPECT_EQ(tls.min_version, TlsVersion::k13);
  EXPECT_EQ(tls.max_version, TlsVersion::k13);
  EXPECT_EQ(tls.cipher_suites, std::vector<std::string>{"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
  EXPECT_EQ(tls.curve_preferences, (std::vector<std::string>{"X25519", "CurveP256"}));
  EXPECT_FALSE(tls.prefer_server_cipher_suites);
  EXPECT_EQ(tls.client_allowed_sans, (std::vector<std::string>{"scraper.example", "127.0.0.1"}));
}

TEST(WebConfig, DefaultsAreExporterToolkits) {
  const auto config = parse_web_config("tls_server_config:\n  cert_file: s.crt\n  key_file: s.key\n", "");
  ASSERT_TRUE(config.tls.has_value());
  EXPECT_EQ(config.tls->client_auth, ClientAuth::kNone);
  EXPECT_EQ(config.tls->min_version, TlsVersion::k12);
  EXPECT_EQ(config.tls->max_version, TlsVersion::k13);
  EXPECT_TRUE(config.tls->prefer_server_cipher_suites);
  EXPECT_EQ(parse_web_config("tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireClientCert\n", "")
                .tls->client_auth,
            ClientAuth::kRequireAny);  // exporter-toolkit's older name
}

TEST(WebConfig, RefusesInconsistentClientCertificateSettings) {
  const std::string pair = "tls_server_config:\n  cert_file: a\n  key_file: b\n";
  EXPECT_NE(config_error(pair + "  client_ca_file: ca.crt\n").find("NoClientCert"), std::string::npos);
  EXPECT_NE(config_error(pair + "  client_auth_type: VerifyClientCertIfGiven\n  client_allowed_sans: [x]\n")
                .find("client_allowed_sans"),
            std::string::npos);
  EXPECT_NE(config_error(pair + "  client_auth_type: Sometimes\n").find("Sometimes"), std::string::npos);
  EXPECT_NE(config_error(pair + "  min_version: TLS13\n  max_version: TLS12\n").find("max_version"), std::string::npos);
  EXPECT_NE(config_error(pair + "  min_version: SSL3\n").find("SSL3"), std::string::npos);
  EXPECT_NE(config_error(pair + "  curve_preferences: [CurveP224]\n").find("CurveP224"), std::string::npos);
  EXPECT_NE(config_error(pair + "  cipher_suites: TLS_AES_128_GCM_SHA256\n").find("list"), std::string::npos);
  EXPECT_NE(config_error(pair + "  prefer_server_cipher_suites: maybe\n").find("true or false"), std::string::npos);
  EXPECT_NE(config_error(pair + "  cipher_suites: [TLS_AES_128_GCM_SHA256]\n  max_version: TLS12\n").find("no handshake"),
            std::string::npos);
  const std::string error = config_error(pair + "  client_auth_type: [a]\n");
  EXPECT_EQ(error.rfind("line 4: ", 0), 0u) << error;
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


// Issue 15: every YAML problem is a WebConfigError that names the line.
TEST(WebConfig, EveryYamlErrorNamesTheLine) {
  EXPECT_NE(config_error("? [a, b]\n: c\n").find("line 1: "), std::string::npos);
  EXPECT_NE(config_error("basic_auth_users:\n  ? [a, b]\n  : c\n").find("line 2: "), std::string::npos);
  EXPECT_NE(config_error("basic_auth_users:\n  alice: [x]\n").find("line 2: "), std::string::npos);
  EXPECT_NE(config_error("http_server_config:\n  headers:\n    X-A: {b: c}\n").find("line 3: "), std::string::npos);
  EXPECT_NE(config_error("tls_server_config:\n  cert_file: [a]\n  key_file: b\n").find("line 2: "), std::string::npos);
  EXPECT_NE(config_error("a: b\n  c: d: e\n").find("line 2: not valid YAML"), std::string::npos);
  EXPECT_NE(config_error("tls_server_config: 3\n").find("line 1: tls_server_config: must be a map"), std::string::npos);
}

TEST(WebConfig, LoadNamesTheFileAndTheLine) {
  const std::string path = ::testing::TempDir() + "/hx-web-config-bad.yml";
  {
    std::FILE* file = std::fopen(path.c_str(), "w");
    ASSERT_NE(file, nullptr);
    std::fputs("? [a, b]\n: c\n", file);
    std::fclose(file);
  }
  try {
    load_web_config(path);
    ADD_FAILURE() << "accepted";
  } catch (const WebConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ": line 1: ", 0), 0u) << e.what();
  }
  std::remove(path.c_str());
}

TEST(WebConfig, HashesAreCheckedByFormAndCostWithoutRunningThem) {
  const std::string salt_and_digest(53, 'a');
  // Cost 31 would run for days at start-up if it were run; it must fail at once.
  const auto start = std::chrono::steady_clock::now();
  const std::string expensive = config_error("basic_auth_users:\n  alice: $2b$31$" + salt_and_digest + "\n");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0);
  EXPECT_NE(expensive.find("cost 31"), std::string::npos) << expensive;
  EXPECT_NE(expensive.find("line 2"), std::string::npos) << expensive;
  EXPECT_NE(config_error("basic_auth_users:\n  alice: $2b$03$" + salt_and_digest + "\n").find("cost 3"), std::string::npos);
  EXPECT_NE(config_error("basic_auth_users:\n  alice: $2b$10$" + salt_and_digest.substr(1) + "\n").find("53 characters"),
            std::string::npos);
  EXPECT_NE(config_error("basic_auth_users:\n  alice: $2b$10$" + salt_and_digest.substr(1) + "!\n").find("alphabet"),
            std::string::npos);
  EXPECT_NE(config_error("basic_auth_users:\n  alice: $1$abc$def\n").find("$2b$"), std::string::npos);
  EXPECT_NE(config_error(std::string("basic_auth_users:\n  a:b: ") + kSecret2b + "\n").find("':'"), std::string::npos);
  const auto config = parse_web_config("basic_auth_users:\n  alice: $2b$16$" + salt_and_digest + "\n", "");
  EXPECT_EQ(config.basic_auth_users.size(), 1u) << "the highest cost accepted is " << kMaxBcryptCost;
}

TEST(BasicAuth, EveryByteOfThePasswordCounts) {
  const BasicAuth auth(std::map<std::string, std::string>{{"alice", kSecret2b}});
  EXPECT_FALSE(auth.check(basic(std::string("alice:secret\0junk", 17))));
  EXPECT_FALSE(auth.check(basic(std::string("alice:secret\0", 13))));
  EXPECT_FALSE(auth.check(basic("alice:secret" + std::string(80, 'x')))) << "bcrypt would stop at 72 bytes";
  EXPECT_TRUE(auth.check(basic("alice:secret")));
}

// The hashes a check runs, in order, answered by the real bcrypt.
struct RecordingVerifier {
  std::vector<std::string> hashes;
  BasicAuth::Verifier function() {
    return [this](const std::string& password, const std::string& hash) {
      hashes.push_back(hash);
      return platform::verify_password_hash(password, hash);
    };
  }
};

int cost_of(const std::string& hash) {
  const auto parsed = parse_bcrypt_hash(hash);
  return std::holds_alternative<BcryptHash>(parsed) ? std::get<BcryptHash>(parsed).cost : -1;
}

// Timing tells nothing about which users exist: an unknown user runs one bcrypt of the dearest
// configured cost, as a known user's wrong password does (before: none, 0.19 ms against 55.6 ms).
TEST(BasicAuth, UnknownUsersRunOneHashOfTheDearestCost) {
  RecordingVerifier recorded;
  const BasicAuth auth({{"alice", kSecret2b}, {"carol", kColonPassword}}, recorded.function());
  const int dearest = std::max(cost_of(kSecret2b), cost_of(kColonPassword));
  EXPECT_FALSE(auth.check(basic("alice:wrong")));
  ASSERT_EQ(recorded.hashes.size(), 1u);
  EXPECT_EQ(recorded.hashes[0], kSecret2b);
  EXPECT_FALSE(auth.check(basic("mallory:wrong")));
  ASSERT_EQ(recorded.hashes.size(), 2u);
  EXPECT_EQ(cost_of(recorded.hashes[1]), dearest);
  EXPECT_NE(recorded.hashes[1], kSecret2b);
  EXPECT_NE(recorded.hashes[1], kColonPassword);
}

TEST(BcryptHash, DecoyHasTheFormOfItsCost) {
  for (int cost = kMinBcryptCost; cost <= kMaxBcryptCost; ++cost) {
    const auto parsed = parse_bcrypt_hash(decoy_bcrypt_hash(cost));
    ASSERT_TRUE(std::holds_alternative<BcryptHash>(parsed)) << std::get<std::string>(parsed);
    EXPECT_EQ(std::get<BcryptHash>(parsed).cost, cost);
  }
}

}  // namespace
}  // namespace host_exporter::server
