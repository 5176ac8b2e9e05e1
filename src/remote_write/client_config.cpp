#include "remote_write/client_config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

#include "text/base64.hpp"

namespace host_exporter::remote_write {

namespace {

[[noreturn]] void fail(const YAML::Node& at, const std::string& message) {
  const YAML::Mark mark = at.Mark();
  throw ClientConfigError(mark.is_null() ? message : "line " + std::to_string(mark.line + 1) + ": " + message);
}

std::string scalar(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) fail(node, what + " must be a string");
  return node.Scalar();
}

// The map under `key`; nullopt when the key is absent or empty.
std::optional<YAML::Node> map_of(const YAML::Node& parent, const char* key, const std::set<std::string>& known) {
  const YAML::Node node = parent[key];
  if (!node || node.IsNull()) return std::nullopt;
  if (!node.IsMap()) fail(node, std::string(key) + ": must be a map");
  for (const auto& entry : node) {
    const std::string name = scalar(entry.first, std::string(key) + ": a key");
    if (!known.empty() && !known.contains(name)) fail(entry.first, std::string(key) + ": unsupported key \"" + name + "\"");
  }
  return node;
}

class Reader {
 public:
  explicit Reader(std::string base_dir) : base_dir_(std::move(base_dir)) {}

  std::string path(const YAML::Node& map, const char* key, const std::string& section) const {
    if (!map[key]) return "";
    const std::filesystem::path p(scalar(map[key], section + "." + key));
    return p.is_absolute() ? p.string() : (std::filesystem::path(base_dir_) / p).string();
  }

  // The value of `key`, or the contents of `file_key`; exactly one may be given.
  std::string secret(const YAML::Node& map, const char* key, const char* file_key, const std::string& section) const {
    if (map[key] && map[file_key]) fail(map, section + ": give " + key + " or " + file_key + ", not both");
    if (map[key]) return scalar(map[key], section + "." + key);
    if (!map[file_key]) return "";
    const std::string file = path(map, file_key, section);
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ClientConfigError(section + "." + file_key + ": cannot read " + file);
    std::stringstream contents;
    contents << in.rdbuf();
    std::string value = contents.str();
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
    return value;
  }

 private:
  std::string base_dir_;
};

// A header value a request can carry: no control character but tab. libevent would refuse
// the request at send time, and every batch would be retried for ever.
bool header_value_ok(const std::string& value) {
  return std::none_of(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t') || byte == 0x7f;
  });
}

bool name_is(const std::string& name, std::string_view expected) {
  const auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  return std::equal(name.begin(), name.end(), expected.begin(), expected.end(),
                    [&](char a, char b) { return lower(a) == lower(b); });
}

// The headers the remote-write protocol fixes, as Prometheus refuses them in its own config.
bool protocol_header(const std::string& name) {
  for (const char* fixed : {"Content-Type", "Content-Encoding", "Content-Length", "User-Agent",
                            "X-Prometheus-Remote-Write-Version", "Host"}) {
    if (name_is(name, fixed)) return true;
  }
  return false;
}

}  // namespace

ClientConfig load_client_config(const std::string& file) {
  ClientConfig config;
  if (file.empty()) return config;
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    throw ClientConfigError("cannot read " + file + ": " + e.what());
  }
  if (root.IsNull()) return config;
  if (!root.IsMap()) throw ClientConfigError(file + ": expected a map at the top");
  for (const auto& entry : root) {
    const std::string key = scalar(entry.first, "a key");
    if (key != "basic_auth" && key != "authorization" && key != "tls_config" && key != "headers") {
      fail(entry.first, "unsupported key \"" + key + "\"");
    }
  }
  const Reader reader(std::filesystem::path(file).parent_path().string());

  const auto basic = map_of(root, "basic_auth", {"username", "password", "password_file"});
  const auto bearer = map_of(root, "authorization", {"type", "credentials", "credentials_file"});
  if (basic && bearer) fail(root, "basic_auth and authorization exclude each other");
  if (basic) {
    const YAML::Node& map = *basic;
    const std::string user = map["username"] ? scalar(map["username"], "basic_auth.username") : "";
    if (user.empty()) fail(map, "basic_auth: username is required");
    const std::string password = reader.secret(map, "password", "password_file", "basic_auth");
    config.headers.emplace_back("Authorization", "Basic " + text::encode_base64(user + ":" + password));
  }
  if (bearer) {
    const YAML::Node& map = *bearer;
    const std::string type = map["type"] ? scalar(map["type"], "authorization.type") : "Bearer";
    const std::string credentials = reader.secret(map, "credentials", "credentials_file", "authorization");
    if (credentials.empty()) fail(map, "authorization: credentials or credentials_file is required");
    if (!header_value_ok(type) || !header_value_ok(credentials)) {
      fail(map, "authorization: the type and credentials cannot hold control characters (CR, LF, NUL ...)");
    }
    config.headers.emplace_back("Authorization", type + " " + credentials);
  }
  if (const auto headers = map_of(root, "headers", {})) {
    for (const auto& entry : *headers) {
      const std::string name = scalar(entry.first, "headers: a name");
      if (name.empty() || name.find_first_of(" :\r\n") != std::string::npos) fail(entry.first, "headers: bad name");
      if (protocol_header(name) || (name_is(name, "Authorization") && (basic || bearer))) {
        fail(entry.first, "headers: " + name + " is set by host_exporter (the protocol or basic_auth/authorization)");
      }
      const std::string value = scalar(entry.second, "headers." + name);
      if (!header_value_ok(value)) fail(entry.second, "headers." + name + ": control characters (CR, LF, NUL ...)");
      config.headers.emplace_back(name, value);
    }
  }
  if (const auto found =
          map_of(root, "tls_config", {"ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify"})) {
    const YAML::Node& tls = *found;
    http::TlsClientSettings settings;
    settings.ca_file = reader.path(tls, "ca_file", "tls_config");
    settings.cert_file = reader.path(tls, "cert_file", "tls_config");
    settings.key_file = reader.path(tls, "key_file", "tls_config");
    if (tls["server_name"]) settings.server_name = scalar(tls["server_name"], "tls_config.server_name");
    if (tls["insecure_skip_verify"]) {
      const std::string flag = scalar(tls["insecure_skip_verify"], "tls_config.insecure_skip_verify");
      if (flag != "true" && flag != "false") fail(tls["insecure_skip_verify"], "insecure_skip_verify: true or false");
      settings.insecure_skip_verify = flag == "true";
    }
    try {
      config.tls = http::make_tls_client_context(settings);
    } catch (const http::ClientError& e) {
      throw ClientConfigError(std::string("tls_config: ") + e.what());
    }
  }
  return config;
}

}  // namespace host_exporter::remote_write
