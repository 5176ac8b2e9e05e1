#include "server/openssl_init.hpp"

#include <openssl/ssl.h>

namespace host_exporter::server {

void initialise_openssl() {
  // OpenSSL runs each part of its initialisation once, whoever asks first.
  OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS, nullptr);
}

}  // namespace host_exporter::server
