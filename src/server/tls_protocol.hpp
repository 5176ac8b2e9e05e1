#pragma once
// What the server offers in a handshake: protocol versions, TLS 1.2 cipher suites
// (Go's IANA names, mapped to OpenSSL's) and curves, as tls_server_config sets them.

#include <string>

#include "server/tls_settings.hpp"

typedef struct ssl_ctx_st SSL_CTX;

namespace host_exporter::server {

// Throws std::runtime_error naming what OpenSSL does not know (an unknown suite, say).
void apply_protocol_settings(SSL_CTX* context, const TlsSettings& settings);

// The OpenSSL cipher list for Go-named TLS 1.2 suites; TLS 1.3 names are skipped, as Go
// ignores them too. Exposed for tests.
std::string openssl_cipher_list(const std::vector<std::string>& iana_names);

}  // namespace host_exporter::server
