#include "server/tls_protocol.hpp"

#include <openssl/ssl.h>

#include <stdexcept>

#include "server/tls_errors.hpp"

namespace host_exporter::server {

namespace {

// Go's default TLS 1.2 suites (ECDHE with AES-GCM, ChaCha20-Poly1305, AES-CBC), which
// exporter-toolkit uses when cipher_suites is not set; TLS 1.3 keeps OpenSSL's defaults.
constexpr const char* kGoDefaultCipherList =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA";

std::string openssl_groups(const std::vector<std::string>& go_curves) {
  std::string list;
  for (const auto& curve : go_curves) {
    const std::string_view group = openssl_group_of(curve);
    if (group.empty()) throw std::runtime_error("TLS: unknown curve " + curve);
    list += (list.empty() ? "" : ":") + std::string(group);
  }
  return list;
}

}  // namespace

std::string openssl_cipher_list(const std::vector<std::string>& iana_names) {
  std::string list;
  for (const auto& name : iana_names) {
    if (is_go_tls13_suite(name)) continue;  // any other name must be a TLS 1.2 suite OpenSSL knows
    const std::string openssl_name = OPENSSL_cipher_name(name.c_str());
    if (openssl_name == "(NONE)") throw std::runtime_error("TLS: unknown cipher suite " + name);
    list += (list.empty() ? "" : ":") + openssl_name;
  }
  return list;
}

void apply_protocol_settings(SSL_CTX* context, const TlsSettings& settings) {
  SSL_CTX_set_min_proto_version(context, static_cast<int>(settings.min_version));
  SSL_CTX_set_max_proto_version(context, static_cast<int>(settings.max_version));
  SSL_CTX_set_options(context, SSL_OP_NO_RENEGOTIATION);
  if (settings.prefer_server_cipher_suites) SSL_CTX_set_options(context, SSL_OP_CIPHER_SERVER_PREFERENCE);
  const std::string ciphers =
      settings.cipher_suites.empty() ? kGoDefaultCipherList : openssl_cipher_list(settings.cipher_suites);
  if (ciphers.empty()) {
    // Only TLS 1.3 names: no TLS 1.2 suite is left, so (as with Go) only TLS 1.3 can be agreed.
    SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION);
  } else if (SSL_CTX_set_cipher_list(context, ciphers.c_str()) != 1) {
    throw std::runtime_error("TLS: cannot use the cipher suites: " + openssl_error());
  }
  if (!settings.curve_preferences.empty() &&
      SSL_CTX_set1_groups_list(context, openssl_groups(settings.curve_preferences).c_str()) != 1) {
    throw std::runtime_error("TLS: cannot use the curves: " + openssl_error());
  }
}

}  // namespace host_exporter::server
