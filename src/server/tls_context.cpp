#include "server/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/stat.h>

#include <stdexcept>

#include "log/log.hpp"
#include "server/openssl_init.hpp"

namespace host_exporter::server {

namespace {

// Go's default TLS 1.2 suites (ECDHE with AES-GCM, ChaCha20-Poly1305, AES-CBC), which
// exporter-toolkit uses when cipher_suites is not set; TLS 1.3 keeps OpenSSL's defaults.
constexpr const char* kCipherList =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA";

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof(text));
  return text;
}

std::timespec modified(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return {};
#ifdef __APPLE__
  return info.st_mtimespec;
#else
  return info.st_mtim;
#endif
}

bool same_time(const std::timespec& a, const std::timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; }

SSL_CTX* load(const TlsFiles& files) {
  initialise_openssl();
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  if (context == nullptr) throw std::runtime_error("TLS: " + openssl_error());
  SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
  SSL_CTX_set_options(context, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  std::string failure;
  if (SSL_CTX_set_cipher_list(context, kCipherList) != 1) {
    failure = "TLS: cannot set the cipher suites: " + openssl_error();
  } else if (SSL_CTX_use_certificate_chain_file(context, files.cert_file.c_str()) != 1) {
    failure = "cannot load the TLS certificate " + files.cert_file + ": " + openssl_error();
  } else if (SSL_CTX_use_PrivateKey_file(context, files.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    failure = "cannot load the TLS key " + files.key_file + ": " + openssl_error();
  } else if (SSL_CTX_check_private_key(context) != 1) {
    failure = "the TLS key " + files.key_file + " does not match the certificate " + files.cert_file;
  }
  if (!failure.empty()) {
    SSL_CTX_free(context);
    throw std::runtime_error(failure);
  }
  return context;
}

}  // namespace

TlsContext::TlsContext(TlsFiles files) : files_(std::move(files)) {
  loaded_cert_ = modified(files_.cert_file);
  loaded_key_ = modified(files_.key_file);
  context_ = load(files_);
  last_check_ = std::chrono::steady_clock::now();
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

void TlsContext::reload_if_changed() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_check_ < std::chrono::seconds(1)) return;  // at most one pair of stat calls a second
  last_check_ = now;
  const auto cert = modified(files_.cert_file), key = modified(files_.key_file);
  if (same_time(cert, loaded_cert_) && same_time(key, loaded_key_)) return;
  loaded_cert_ = cert;
  loaded_key_ = key;
  try {
    SSL_CTX* fresh = load(files_);
    SSL_CTX_free(context_);  // sessions already made hold their own reference
    context_ = fresh;
    log::info("TLS certificate reloaded", {{"cert_file", files_.cert_file}});
  } catch (const std::exception& e) {
    log::error("TLS certificate not reloaded: the previous one stays in use", {{"err", e.what()}});
  }
}

SSL* TlsContext::new_session() {
  reload_if_changed();
  return SSL_new(context_);
}

}  // namespace host_exporter::server
