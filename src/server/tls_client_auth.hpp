#pragma once
// Client certificates on the server side, by exporter-toolkit's client_auth_type: whether
// one is asked for, required, verified against client_ca_file (or the system's roots),
// and, with client_allowed_sans, whether its leaf names an allowed subject alternative
// name (DNS, e-mail, IP or URI, compared as text, as Go does).

#include <string>
#include <vector>

#include "server/tls_settings.hpp"

typedef struct ssl_ctx_st SSL_CTX;
typedef struct x509_st X509;

namespace host_exporter::server {

// `settings` is only read, but must outlive `context` and every session made from it
// (OpenSSL's callback takes it as a plain pointer). Throws std::runtime_error naming
// client_ca_file when it cannot be read or holds no certificate.
void configure_client_certificates(SSL_CTX* context, TlsSettings* settings);

// The certificate's subject alternative names as text (IP addresses as inet_ntop writes them).
std::vector<std::string> subject_alternative_names(X509* certificate);

}  // namespace host_exporter::server
