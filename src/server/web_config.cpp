#include "server/web_config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <variant>

#include "platform/password_hash.hpp"
#include "server/bcrypt_hash.hpp"

namespace host_exporter::server {

namespace {

// "line 3: " for messages; empty when yaml-cpp knows no position.
std::string where(const YAML::Mark& mark) {
  return mark.is_null() ? std::string() : "line " + std::to_string(mark.line + 1) + ": ";
}

[[noreturn]] void fail(const YAML::Node& at, const std::string& message) {
  throw WebConfigError(where(at.Mark()) + message);
}

// A scalar's text; anything else (a list, a map, a complex key such as `? [a, b]`) is an error
// here rather than a YAML::BadConversion later.
std::string text_of(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) fail(node, what + " must be a string");
  return node.Scalar();
}

void refuse_unknown_keys(const YAML::Node& map, const std::set<std::string>& known, const std::string& where) {
  for (const auto& entry : map) {
    const std::string key = text_of(entry.first, where + ": a key");
    if (!known.contains(key)) fail(entry.first, where + ": unsupported key \"" + key + "\"");
  }
}

YAML::Node section(const YAML::Node& root, const char* name) {
  const YAML::Node node = root[name];
  if (node && !node.IsNull() && !node.IsMap()) fail(node, std::string(name) + ": must be a map");
  return node;
}

std::string resolve(const std::string& path, const std::string& base_dir) {
  const std::filesystem::path p(path);
  return p.is_absolute() || base_dir.empty() ? path : (std::filesystem::path(base_dir) / p).string();
}

void read_tls(const YAML::Node& tls, const std::string& base_dir, WebConfig& config) {
  refuse_unknown_keys(tls, {"cert_file", "key_file"}, "tls_server_config");
  const std::string cert = tls["cert_file"] ? text_of(tls["cert_file"], "tls_server_config.cert_file") : "";
  const std::string key = tls["key_file"] ? text_of(tls["key_file"], "tls_server_config.key_file") : "";
  if (cert.empty() || key.empty()) fail(tls, "tls_server_config: needs both cert_file and key_file");
  config.tls = TlsFiles{resolve(cert, base_dir), resolve(key, base_dir)};
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
    if (const auto tls = section(root, "tls_server_config"); tls && tls.IsMap()) read_tls(tls, base_dir, config);
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
