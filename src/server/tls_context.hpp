#pragma once
// The server's TLS (tls_server_config of the web config, server/tls_settings.hpp) with
// exporter-toolkit's defaults, TLS 1.2 at least and Go's default TLS 1.2 cipher suites,
// and its reload behaviour: a certificate, key or client CA file replaced on disk is used
// from the next connection on, without a restart; one that cannot be loaded keeps the
// previous context in use.

#include <array>
#include <chrono>
#include <ctime>
#include <string>

#include "server/tls_settings.hpp"

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace host_exporter::server {

class TlsContext {
 public:
  // Loads the files now; throws std::runtime_error naming the file when it cannot.
  explicit TlsContext(TlsSettings settings);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // A new server-side session for one connection (event loop thread only).
  SSL* new_session();

 private:
  using FileTimes = std::array<std::timespec, 3>;  // cert, key, client CA
  FileTimes modification_times() const;
  void reload_if_changed();

  TlsSettings settings_;  // read by the client-certificate check of every context made
  SSL_CTX* context_ = nullptr;
  FileTimes loaded_{};
  std::chrono::steady_clock::time_point last_check_{};
};

}  // namespace host_exporter::server
