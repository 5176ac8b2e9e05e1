#include "server/tls_errors.hpp"

#include <openssl/err.h>

namespace host_exporter::server {

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof(text));
  return text;
}

}  // namespace host_exporter::server
