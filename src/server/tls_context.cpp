#include "server/tls_context.hpp"

#include <openssl/ssl.h>
#include <sys/stat.h>

#include <algorithm>
#include <stdexcept>

#include "log/log.hpp"
#include "server/openssl_init.hpp"
#include "server/tls_client_auth.hpp"
#include "server/tls_errors.hpp"
#include "server/tls_protocol.hpp"

namespace host_exporter::server {

namespace {

std::timespec modified(const std::string& path) {
  struct stat info {};
  if (path.empty() || ::stat(path.c_str(), &info) != 0) return {};
#ifdef __APPLE__
  return info.st_mtimespec;
#else
  return info.st_mtim;
#endif
}

bool same_time(const std::timespec& a, const std::timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; }

void load_pair(SSL_CTX* context, const TlsSettings& settings) {
  if (SSL_CTX_use_certificate_chain_file(context, settings.cert_file.c_str()) != 1) {
    throw std::runtime_error("cannot load the TLS certificate " + settings.cert_file + ": " + openssl_error());
  }
  if (SSL_CTX_use_PrivateKey_file(context, settings.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    throw std::runtime_error("cannot load the TLS key " + settings.key_file + ": " + openssl_error());
  }
  if (SSL_CTX_check_private_key(context) != 1) {
    throw std::runtime_error("the TLS key " + settings.key_file + " does not match the certificate " +
                             settings.cert_file);
  }
}

SSL_CTX* load(TlsSettings* settings) {
  initialise_openssl();
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  if (context == nullptr) throw std::runtime_error("TLS: " + openssl_error());
  try {
    apply_protocol_settings(context, *settings);
    load_pair(context, *settings);
    configure_client_certificates(context, settings);
  } catch (...) {
    SSL_CTX_free(context);
    throw;
  }
  return context;
}

}  // namespace

TlsContext::TlsContext(TlsSettings settings) : settings_(std::move(settings)) {
  loaded_ = modification_times();
  context_ = load(&settings_);
  last_check_ = std::chrono::steady_clock::now();
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

TlsContext::FileTimes TlsContext::modification_times() const {
  return {modified(settings_.cert_file), modified(settings_.key_file), modified(settings_.client_ca_file)};
}

void TlsContext::reload_if_changed() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_check_ < std::chrono::seconds(1)) return;  // at most one round of stat calls a second
  last_check_ = now;
  const FileTimes times = modification_times();
  if (std::equal(times.begin(), times.end(), loaded_.begin(), same_time)) return;
  loaded_ = times;
  try {
    SSL_CTX* fresh = load(&settings_);
    SSL_CTX_free(context_);  // sessions already made hold their own reference
    context_ = fresh;
    log::info("TLS files reloaded", {{"cert_file", settings_.cert_file}});
  } catch (const std::exception& e) {
    log::error("TLS files not reloaded: the previous ones stay in use", {{"err", e.what()}});
  }
}

SSL* TlsContext::new_session() {
  reload_if_changed();
  return SSL_new(context_);
}

}  // namespace host_exporter::server
