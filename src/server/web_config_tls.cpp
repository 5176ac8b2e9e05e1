#include "server/web_config_tls.hpp"

#include <algorithm>
#include <map>

#include "server/web_config_fields.hpp"

namespace host_exporter::server {

namespace {

using namespace web_config_fields;

const std::map<std::string, ClientAuth>& client_auth_names() {
  static const std::map<std::string, ClientAuth> names = {
      {"NoClientCert", ClientAuth::kNone},
      {"RequestClientCert", ClientAuth::kRequest},
      {"RequireAnyClientCert", ClientAuth::kRequireAny},
      {"RequireClientCert", ClientAuth::kRequireAny},  // exporter-toolkit's older name
      {"VerifyClientCertIfGiven", ClientAuth::kVerifyIfGiven},
      {"RequireAndVerifyClientCert", ClientAuth::kRequireAndVerify},
  };
  return names;
}

TlsVersion version_of(const YAML::Node& node, const std::string& what) {
  static const std::map<std::string, TlsVersion> versions = {
      {"TLS10", TlsVersion::k10}, {"TLS11", TlsVersion::k11}, {"TLS12", TlsVersion::k12}, {"TLS13", TlsVersion::k13}};
  const std::string name = text_of(node, what);
  const auto found = versions.find(name);
  if (found == versions.end()) fail(node, what + ": unknown TLS version \"" + name + "\" (TLS10, TLS11, TLS12, TLS13)");
  return found->second;
}

std::vector<std::string> curves_of(const YAML::Node& node) {
  auto curves = texts_of(node, "tls_server_config.curve_preferences");
  for (const auto& curve : curves) {
    if (openssl_group_of(curve).empty()) {
      fail(node, "tls_server_config.curve_preferences: unknown curve \"" + curve +
                     "\" (CurveP256, CurveP384, CurveP521, X25519)");
    }
  }
  return curves;
}

std::string file_of(const YAML::Node& tls, const char* key, const std::string& base_dir) {
  const YAML::Node node = tls[key];
  if (!node || node.IsNull()) return "";
  const std::string path = text_of(node, std::string("tls_server_config.") + key);
  return path.empty() ? path : resolve(path, base_dir);
}

void check_consistency(const YAML::Node& tls, const TlsSettings& settings) {
  if (settings.cert_file.empty() || settings.key_file.empty()) {
    fail(tls, "tls_server_config: needs both cert_file and key_file");
  }
  if (!settings.client_ca_file.empty() && settings.client_auth == ClientAuth::kNone) {
    fail(tls, "tls_server_config: client_ca_file is set but client_auth_type is NoClientCert; "
              "set client_auth_type (e.g. RequireAndVerifyClientCert)");
  }
  if (!settings.client_allowed_sans.empty() && settings.client_auth != ClientAuth::kRequireAny &&
      settings.client_auth != ClientAuth::kRequireAndVerify) {
    fail(tls, "tls_server_config: client_allowed_sans needs client_auth_type RequireAnyClientCert or "
              "RequireAndVerifyClientCert (otherwise a client could send no certificate at all)");
  }
  if (settings.min_version > settings.max_version) {
    fail(tls, "tls_server_config: min_version is above max_version");
  }
  const bool only_tls13_suites =
      !settings.cipher_suites.empty() &&
      std::all_of(settings.cipher_suites.begin(), settings.cipher_suites.end(), is_go_tls13_suite);
  if (only_tls13_suites && settings.max_version < TlsVersion::k13) {
    fail(tls, "tls_server_config: cipher_suites names only TLS 1.3 suites, which Go (and host_exporter) ignore, "
              "and max_version is below TLS13: no handshake could succeed");
  }
}

}  // namespace

TlsSettings read_tls_server_config(const YAML::Node& tls, const std::string& base_dir) {
  for (const char* inline_key : {"cert", "key", "client_ca"}) {
    if (tls[inline_key]) {
      fail(tls[inline_key], std::string("tls_server_config.") + inline_key +
                                ": inline PEM is not supported; put it in a file and use " + inline_key + "_file");
    }
  }
  refuse_unknown_keys(tls,
                      {"cert_file", "key_file", "client_ca_file", "client_auth_type", "min_version", "max_version",
                       "cipher_suites", "curve_preferences", "prefer_server_cipher_suites", "client_allowed_sans"},
                      "tls_server_config");
  TlsSettings settings;
  settings.cert_file = file_of(tls, "cert_file", base_dir);
  settings.key_file = file_of(tls, "key_file", base_dir);
  settings.client_ca_file = file_of(tls, "client_ca_file", base_dir);
  if (const auto auth = tls["client_auth_type"]; auth && !auth.IsNull()) {
    const std::string name = text_of(auth, "tls_server_config.client_auth_type");
    const auto found = client_auth_names().find(name);
    if (found == client_auth_names().end()) {
      fail(auth, "tls_server_config.client_auth_type: unknown value \"" + name +
                     "\" (NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, "
                     "RequireAndVerifyClientCert)");
    }
    settings.client_auth = found->second;
  }
  if (const auto v = tls["min_version"]; v && !v.IsNull()) settings.min_version = version_of(v, "tls_server_config.min_version");
  if (const auto v = tls["max_version"]; v && !v.IsNull()) settings.max_version = version_of(v, "tls_server_config.max_version");
  if (const auto c = tls["cipher_suites"]) settings.cipher_suites = texts_of(c, "tls_server_config.cipher_suites");
  if (const auto c = tls["curve_preferences"]) settings.curve_preferences = curves_of(c);
  if (const auto p = tls["prefer_server_cipher_suites"]; p && !p.IsNull()) {
    settings.prefer_server_cipher_suites = boolean_of(p, "tls_server_config.prefer_server_cipher_suites");
  }
  if (const auto s = tls["client_allowed_sans"]) settings.client_allowed_sans = texts_of(s, "tls_server_config.client_allowed_sans");
  check_consistency(tls, settings);
  return settings;
}

}  // namespace host_exporter::server
