#include "server/openssl_init.hpp"

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstdlib>

namespace host_exporter::server {
namespace {

// NULL until OpenSSL has loaded its SSL error strings.
const char* ssl_reason_text() {
  return ERR_reason_error_string(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_NO_CERTIFICATE_ASSIGNED));
}

TEST(OpensslInit, NothingIsInitialisedWhenTheProgramLoads) {
  // The "threadsafe" style runs the statement in a fresh run of this test program: the state at load.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(std::exit(ssl_reason_text() == nullptr ? 0 : 1), testing::ExitedWithCode(0), "");
}

TEST(OpensslInit, LoadsTheErrorStringsOnce) {
  initialise_openssl();
  initialise_openssl();
  ASSERT_NE(ssl_reason_text(), nullptr);
  EXPECT_STREQ(ssl_reason_text(), "no certificate assigned");
}

}  // namespace
}  // namespace host_exporter::server
