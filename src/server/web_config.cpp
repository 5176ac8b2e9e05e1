#include "server/web_config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "platform/password_hash.hpp"

namespace host_exporter::server {

namespace {

void refuse_unknown_keys(const YAML::Node& map, const std::set<std::string>& known, const std::string& where) {
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>();
    if (!known.contains(key)) throw WebConfigError(where + ": unsupported key \"" + key + "\"");
  }
}

YAML::Node section(const YAML::Node& root, const char* name) {
  const YAML::Node node = root[name];
  if (node && !node.IsNull() && !node.IsMap()) throw WebConfigError(std::string(name) + ": must be a map");
  return node;
}

std::string resolve(const std::string& path, const std::string& base_dir) {
  const std::filesystem::path p(path);
  return p.is_absolute() || base_dir.empty() ? path : (std::filesystem::path(base_dir) / p).string();
}

}  // namespace

WebConfig parse_web_config(const std::string& yaml, const std::string& base_dir) {
  WebConfig config;
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw WebConfigError(std::string("not valid YAML: ") + e.what());
  }
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) throw WebConfigError("the top level must be a map");
  refuse_unknown_keys(root, {"tls_server_config", "http_server_config", "basic_auth_users"}, "web config");

  try {
    if (const auto tls = section(root, "tls_server_config"); tls && tls.IsMap()) {
      refuse_unknown_keys(tls, {"cert_file", "key_file"}, "tls_server_config");
      const std::string cert = tls["cert_file"] ? tls["cert_file"].as<std::string>() : "";
      const std::string key = tls["key_file"] ? tls["key_file"].as<std::string>() : "";
      if (cert.empty() || key.empty()) throw WebConfigError("tls_server_config: needs both cert_file and key_file");
      config.tls = TlsFiles{resolve(cert, base_dir), resolve(key, base_dir)};
    }
    if (const auto http = section(root, "http_server_config"); http && http.IsMap()) {
      refuse_unknown_keys(http, {"headers", "http2"}, "http_server_config");
      if (const auto headers = http["headers"]; headers && !headers.IsNull()) {
        if (!headers.IsMap()) throw WebConfigError("http_server_config.headers: must be a map");
        for (const auto& entry : headers) {
          config.headers[entry.first.as<std::string>()] = entry.second.as<std::string>();
        }
      }
    }
    if (const auto users = section(root, "basic_auth_users"); users && users.IsMap()) {
      for (const auto& entry : users) {
        const std::string user = entry.first.as<std::string>();
        const std::string hash = entry.second.as<std::string>();
        if (!platform::password_hash_supported(hash)) {
          throw WebConfigError("basic_auth_users: the hash of user \"" + user + "\" is not a bcrypt hash this system can check");
        }
        config.basic_auth_users[user] = hash;
      }
    }
  } catch (const YAML::Exception& e) {
    throw WebConfigError(std::string("unexpected value: ") + e.what());
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
