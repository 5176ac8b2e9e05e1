#include "server/web_config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include "platform/password_hash.hpp"
#include "server/bcrypt_hash.hpp"
#include "server/web_config_fields.hpp"
#include "server/web_config_tls.hpp"

namespace host_exporter::server {

namespace {

using namespace web_config_fields;

YAML::Node section(const YAML::Node& root, const char* name) {
  const YAML::Node node = root[name];
  if (node && !node.IsNull() && !node.IsMap()) fail(node, std::string(name) + ": must be a map");
  return node;
}

void read_http(const YAML::Node& http, WebConfig& config) {
  refuse_unknown_keys(http, {"headers", "http2"}, "http_server_config");
  const auto headers = http["headers"];
  if (!headers || headers.IsNull()) return;
  if (!headers.IsMap()) fail(headers, "http_server_config.headers: must be a map");
  for (const auto& entry : headers) {
    const std::string name = text_of(entry.first, "a header name");
    config.headers[name] = text_of(entry.second, "the value of header " + name);
  }
}

// Hashes are checked by their form, never run: a cost-31 hash would take days.
void read_users(const YAML::Node& users, WebConfig& config) {
  for (const auto& entry : users) {
    const std::string user = text_of(entry.first, "basic_auth_users: a user name");
    if (user.find(':') != std::string::npos) fail(entry.first, "basic_auth_users: a user name cannot hold ':'");
    const std::string hash = text_of(entry.second, "basic_auth_users: the hash of user \"" + user + "\"");
    const auto form = parse_bcrypt_hash(hash);
    if (const auto* problem = std::get_if<std::string>(&form)) {
      fail(entry.second, "basic_auth_users: the hash of user \"" + user + "\": " + *problem);
    }
    if (!config.basic_auth_users.emplace(user, hash).second) {
      fail(entry.first, "basic_auth_users: user \"" + user + "\" given twice");
    }
  }
  // One cheap run tells whether this system's crypt knows bcrypt at all.
  if (!config.basic_auth_users.empty() && !platform::crypt_can_run(decoy_bcrypt_hash(kMinBcryptCost))) {
    fail(users, "basic_auth_users: this system's crypt(3) cannot check bcrypt hashes");
  }
}

}  // namespace

WebConfig parse_web_config(const std::string& yaml, const std::string& base_dir) {
  WebConfig config;
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw WebConfigError(where(e.mark) + "not valid YAML: " + e.msg);
  }
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) fail(root, "the top level must be a map");
  try {
    refuse_unknown_keys(root, {"tls_server_config", "http_server_config", "basic_auth_users"}, "web config");
    if (const auto tls = section(root, "tls_server_config"); tls && tls.IsMap()) {
      config.tls = read_tls_server_config(tls, base_dir);
    }
    if (const auto http = section(root, "http_server_config"); http && http.IsMap()) read_http(http, config);
    if (const auto users = section(root, "basic_auth_users"); users && users.IsMap()) read_users(users, config);
  } catch (const YAML::Exception& e) {
    // What the checks above did not foresee still names its line and never escapes as a YAML exception.
    throw WebConfigError(where(e.mark) + "unexpected value: " + e.msg);
  }
  return config;
}

WebConfig load_web_config(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw WebConfigError("cannot read " + path);
  std::stringstream text;
  text << file.rdbuf();
  try {
    return parse_web_config(text.str(), std::filesystem::path(path).parent_path().string());
  } catch (const WebConfigError& e) {
    throw WebConfigError(path + ": " + e.what());
  }
}

}  // namespace host_exporter::server
