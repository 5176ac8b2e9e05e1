#include "server/tls_protocol.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace host_exporter::server {
namespace {

TEST(TlsProtocol, GoSuiteNamesBecomeOpenSslNames) {
  EXPECT_EQ(openssl_cipher_list({"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"}),
            "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305");
}

TEST(TlsProtocol, Tls13SuitesAreLeftToOpenSslAsGoLeavesThem) {
  EXPECT_EQ(openssl_cipher_list({"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"}),
            "ECDHE-RSA-AES256-GCM-SHA384");
  EXPECT_EQ(openssl_cipher_list({"TLS_CHACHA20_POLY1305_SHA256"}), "");
}

TEST(TlsProtocol, AnUnknownSuiteIsNamed) {
  // The second is a typo of TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (no "_WITH_"): not taken for TLS 1.3.
  for (const char* name : {"TLS_ECDHE_RSA_WITH_NOTHING_SHA256", "TLS_ECDHE_RSA_AES_128_GCM_SHA256"}) {
    try {
      openssl_cipher_list({name});
      ADD_FAILURE() << "accepted " << name;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace host_exporter::server
