#pragma once
// --web.config.file: the exporter-toolkit YAML that node_exporter reads.
//   tls_server_config: server/tls_settings.hpp (certificates, client certificates,
//                      versions, cipher suites, curves)
//   http_server_config: {headers: {Name: value}}
//   basic_auth_users: {user: bcrypt hash}
// Keys we do not implement (inline PEM, rate_limit) are refused with a clear error
// rather than ignored, so a config never means less than it says.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "server/http_server.hpp"

namespace host_exporter::server {

struct WebConfig {
  std::optional<TlsSettings> tls;
  std::map<std::string, std::string> headers;
  std::map<std::string, std::string> basic_auth_users;  // user -> crypt(3) hash
};

class WebConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Relative cert_file, key_file and client_ca_file are taken relative to `base_dir` (the config
// file's folder), as exporter-toolkit does. Throws WebConfigError, and only that:
// its message names the line ("line 3: ..."), and load_web_config adds the file.
// bcrypt hashes are checked by form and cost (server/bcrypt_hash.hpp), not run.
WebConfig parse_web_config(const std::string& yaml, const std::string& base_dir);
WebConfig load_web_config(const std::string& path);

}  // namespace host_exporter::server
