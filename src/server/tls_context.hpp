#pragma once
// The server's TLS settings (tls_server_config of the web config): exporter-toolkit's
// defaults, TLS 1.2 at least and Go's default TLS 1.2 cipher suites, and its reload
// behaviour: a certificate or key replaced on disk is used from the next connection
// on, without a restart; one that cannot be loaded keeps the previous pair in use.

#include <chrono>
#include <ctime>
#include <string>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace host_exporter::server {

struct TlsFiles {
  std::string cert_file;
  std::string key_file;
};

class TlsContext {
 public:
  // Loads the pair now; throws std::runtime_error naming the file when it cannot.
  explicit TlsContext(TlsFiles files);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // A new server-side session for one connection (event loop thread only).
  SSL* new_session();

 private:
  void reload_if_changed();

  TlsFiles files_;
  SSL_CTX* context_ = nullptr;
  std::timespec loaded_cert_{}, loaded_key_{};
  std::chrono::steady_clock::time_point last_check_{};
};

}  // namespace host_exporter::server
