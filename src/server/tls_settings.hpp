#pragma once
// tls_server_config of the web config, as exporter-toolkit reads it: the server's
// certificate, how clients must authenticate with certificates of their own, and the
// protocol versions, cipher suites and curves offered. Only files are read (no inline
// PEM); every path is absolute by the time it reaches the server.

#include <string>
#include <string_view>
#include <vector>

namespace host_exporter::server {

// Go's tls.ClientAuthType, by exporter-toolkit's names.
enum class ClientAuth {
  kNone,              // NoClientCert (the default)
  kRequest,           // RequestClientCert: asked for, neither required nor verified
  kRequireAny,        // RequireAnyClientCert: required, not verified
  kVerifyIfGiven,     // VerifyClientCertIfGiven: verified when sent
  kRequireAndVerify,  // RequireAndVerifyClientCert
};

// OpenSSL's protocol version numbers (TLS1_2_VERSION ...), without its header.
enum class TlsVersion : int { k10 = 0x0301, k11 = 0x0302, k12 = 0x0303, k13 = 0x0304 };

struct TlsSettings {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;  // empty: the system's roots verify client certificates
  ClientAuth client_auth = ClientAuth::kNone;
  TlsVersion min_version = TlsVersion::k12;
  TlsVersion max_version = TlsVersion::k13;
  std::vector<std::string> cipher_suites;      // IANA names, as Go spells them; empty: Go's defaults
  std::vector<std::string> curve_preferences;  // CurveP256, CurveP384, CurveP521, X25519; empty: OpenSSL's
  bool prefer_server_cipher_suites = true;
  std::vector<std::string> client_allowed_sans;  // empty: any certificate the policy accepts
};

// OpenSSL's group name for one of Go's curve names (CurveP256 -> P-256); empty for any other name.
inline std::string_view openssl_group_of(std::string_view go_curve) {
  if (go_curve == "CurveP256") return "P-256";
  if (go_curve == "CurveP384") return "P-384";
  if (go_curve == "CurveP521") return "P-521";
  if (go_curve == "X25519") return "X25519";
  return {};
}

// The TLS 1.3 suites by Go's names: accepted in cipher_suites and, as Go does, ignored there.
inline bool is_go_tls13_suite(const std::string& name) {
  return name == "TLS_AES_128_GCM_SHA256" || name == "TLS_AES_256_GCM_SHA384" || name == "TLS_CHACHA20_POLY1305_SHA256";
}

// Whether the policy makes OpenSSL check the client's chain against the CAs.
inline bool verifies_chain(ClientAuth auth) {
  return auth == ClientAuth::kVerifyIfGiven || auth == ClientAuth::kRequireAndVerify;
}

}  // namespace host_exporter::server
