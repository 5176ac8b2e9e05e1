#include "remote_write/client_config.hpp"

#include <gtest/gtest.h>

#include "../ingest/temp_directory.hpp"

namespace host_exporter::remote_write {
namespace {

class ConfigFile : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) const {
    dir.write(name, text);
    return dir.file(name);
  }
  std::string error_of(const std::string& yaml) const {
    try {
      load_client_config(write("c.yml", yaml));
    } catch (const ClientConfigError& e) {
      return e.what();
    }
    return "";
  }

  ingest::testing::TempDirectory dir;
};

TEST_F(ConfigFile, NoFileMeansNoAuthAndTheSystemsCAs) {
  const ClientConfig config = load_client_config("");
  EXPECT_TRUE(config.headers.empty());
  EXPECT_EQ(config.tls, nullptr);
}

TEST_F(ConfigFile, BasicAuthWithAPasswordFileRelativeToTheConfig) {
  write("password", "open sesame\n");
  const ClientConfig config =
      load_client_config(write("c.yml", "basic_auth:\n  username: agent\n  password_file: password\n"));
  ASSERT_EQ(config.headers.size(), 1u);
  EXPECT_EQ(config.headers[0].first, "Authorization");
  EXPECT_EQ(config.headers[0].second, "Basic YWdlbnQ6b3BlbiBzZXNhbWU=");  // base64("agent:open sesame")
}

TEST_F(ConfigFile, BearerTokenAndExtraHeaders) {
  const ClientConfig config = load_client_config(
      write("c.yml", "authorization:\n  credentials: tok\nheaders:\n  X-Scope-OrgID: tenant-1\n"));
  ASSERT_EQ(config.headers.size(), 2u);
  EXPECT_EQ(config.headers[0].second, "Bearer tok");
  EXPECT_EQ(config.headers[1], (std::pair<std::string, std::string>{"X-Scope-OrgID", "tenant-1"}));
}

TEST_F(ConfigFile, TlsSettingsBuildAContext) {
  const ClientConfig config =
      load_client_config(write("c.yml", "tls_config:\n  insecure_skip_verify: true\n  server_name: vm.internal\n"));
  EXPECT_NE(config.tls, nullptr);
}

TEST_F(ConfigFile, MistakesAreErrorsThatSayWhere) {
  EXPECT_NE(error_of("basic_auth:\n  user: x\n").find("unsupported key \"user\""), std::string::npos);
  EXPECT_NE(error_of("bearer: x\n").find("unsupported key \"bearer\""), std::string::npos);
  EXPECT_NE(error_of("basic_auth:\n  password: p\n").find("username is required"), std::string::npos);
  EXPECT_NE(error_of("authorization:\n  credentials: a\n  credentials_file: b\n").find("not both"), std::string::npos);
  EXPECT_NE(error_of("authorization:\n  credentials_file: missing\n").find("cannot read"), std::string::npos);
  EXPECT_NE(error_of("tls_config:\n  ca_file: missing.pem\n").find("ca_file"), std::string::npos);
  EXPECT_NE(error_of("basic_auth:\n  username: u\nauthorization:\n  credentials: t\n").find("exclude"),
            std::string::npos);
  EXPECT_NE(error_of("[1, 2]").find("expected a map"), std::string::npos);
}

// A value libevent would refuse at send time would be retried for ever: it is refused at load.
TEST_F(ConfigFile, HeadersThatCouldNeverBeSentAreRefused) {
  EXPECT_NE(error_of("headers:\n  X-Tenant: \"a\\r\\nInjected: 1\"\n").find("control characters"), std::string::npos);
  EXPECT_NE(error_of("authorization:\n  credentials: \"to\\nk\"\n").find("control characters"), std::string::npos);
  EXPECT_NE(error_of("headers:\n  content-type: text/plain\n").find("set by host_exporter"), std::string::npos);
  EXPECT_NE(error_of("authorization:\n  credentials: t\nheaders:\n  Authorization: x\n").find("set by host_exporter"),
            std::string::npos);
  EXPECT_EQ(error_of("headers:\n  X-Tenant: \"a\\tb\"\n"), "");  // a tab is fine
}

}  // namespace
}  // namespace host_exporter::remote_write
