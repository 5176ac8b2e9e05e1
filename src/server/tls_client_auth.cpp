#include "server/tls_client_auth.hpp"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <stdexcept>

#include "server/tls_errors.hpp"

namespace host_exporter::server {

namespace {

std::string asn1_text(const ASN1_STRING* text) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                     static_cast<std::size_t>(ASN1_STRING_length(text)));
}

std::string ip_text(const ASN1_OCTET_STRING* address) {
  const int length = ASN1_STRING_length(address);
  const int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : 0;
  char text[INET6_ADDRSTRLEN] = {};
  if (family == 0 || inet_ntop(family, ASN1_STRING_get0_data(address), text, sizeof(text)) == nullptr) return "";
  return text;
}

// Replaces OpenSSL's chain check (which it calls only when the client sent a certificate):
// verification only for the policies that verify, then the SAN allow-list.
int check_client_certificate(X509_STORE_CTX* store, void* argument) {
  const auto& settings = *static_cast<const TlsSettings*>(argument);
  if (verifies_chain(settings.client_auth) && X509_verify_cert(store) <= 0) return 0;
  if (settings.client_allowed_sans.empty()) return 1;
  for (const auto& name : subject_alternative_names(X509_STORE_CTX_get0_cert(store))) {
    if (std::find(settings.client_allowed_sans.begin(), settings.client_allowed_sans.end(), name) !=
        settings.client_allowed_sans.end()) {
      return 1;
    }
  }
  X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
  return 0;
}

void load_client_cas(SSL_CTX* context, const std::string& file) {
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(file.c_str());
  if (names == nullptr || sk_X509_NAME_num(names) == 0) {
    if (names != nullptr) sk_X509_NAME_pop_free(names, X509_NAME_free);
    ERR_clear_error();
    throw std::runtime_error("cannot load client_ca_file " + file + ": no PEM certificate in it");
  }
  SSL_CTX_set_client_CA_list(context, names);  // the names a client is told to choose by
  if (SSL_CTX_load_verify_locations(context, file.c_str(), nullptr) != 1) {
    throw std::runtime_error("cannot load client_ca_file " + file + ": " + openssl_error());
  }
}

}  // namespace

std::vector<std::string> subject_alternative_names(X509* certificate) {
  std::vector<std::string> names;
  auto* general_names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  if (general_names == nullptr) return names;
  for (int i = 0; i < sk_GENERAL_NAME_num(general_names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(general_names, i);
    switch (name->type) {
      case GEN_DNS: names.push_back(asn1_text(name->d.dNSName)); break;
      case GEN_EMAIL: names.push_back(asn1_text(name->d.rfc822Name)); break;
      case GEN_URI: names.push_back(asn1_text(name->d.uniformResourceIdentifier)); break;
      case GEN_IPADD: names.push_back(ip_text(name->d.iPAddress)); break;
      default: break;
    }
  }
  GENERAL_NAMES_free(general_names);
  return names;
}

void configure_client_certificates(SSL_CTX* context, TlsSettings* settings_ptr) {
  const TlsSettings& settings = *settings_ptr;
  if (settings.client_auth == ClientAuth::kNone) return;
  if (!settings.client_ca_file.empty()) {
    load_client_cas(context, settings.client_ca_file);
  } else if (verifies_chain(settings.client_auth) && SSL_CTX_set_default_verify_paths(context) != 1) {
    throw std::runtime_error("TLS: cannot load the system's certificate authorities: " + openssl_error());
  }
  const bool required =
      settings.client_auth == ClientAuth::kRequireAny || settings.client_auth == ClientAuth::kRequireAndVerify;
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER | (required ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0), nullptr);
  SSL_CTX_set_cert_verify_callback(context, check_client_certificate, settings_ptr);
}

}  // namespace host_exporter::server
