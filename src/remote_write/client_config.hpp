#pragma once
// --remote-write.config.file: how agent mode authenticates to its receivers, in the
// shape of Prometheus' remote_write client settings (a YAML map; every key optional):
//
//   basic_auth:    {username: U, password: P | password_file: PATH}
//   authorization: {type: Bearer, credentials: T | credentials_file: PATH}
//   tls_config:    {ca_file, cert_file, key_file, server_name, insecure_skip_verify}
//   headers:       {Name: value, ...}
//
// Relative paths are relative to the file's directory. Secrets in files are read once,
// at start, with a trailing newline removed. An unknown key is an error, so a typo
// does not silently send unauthenticated requests.

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "http_client/http_client.hpp"

namespace host_exporter::remote_write {

struct ClientConfig {
  std::vector<std::pair<std::string, std::string>> headers;  // Authorization included
  std::shared_ptr<const http::TlsClientContext> tls;          // null: the system's CAs
};

class ClientConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An empty path gives the default (no auth, system CAs). Throws ClientConfigError.
ClientConfig load_client_config(const std::string& path);

}  // namespace host_exporter::remote_write
