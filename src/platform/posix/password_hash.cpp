#include "platform/password_hash.hpp"

#include <crypt.h>

#include <memory>
#include <openssl/crypto.h>

namespace host_exporter::platform {

namespace {

// crypt_data is large (about 32 KiB): keep it off the stack.
std::unique_ptr<crypt_data> new_crypt_data() { return std::make_unique<crypt_data>(); }

}  // namespace

bool verify_password_hash(const std::string& password, const std::string& hash) {
  // crypt reads a C string: "secret\0junk" would be checked as "secret".
  if (password.find('\0') != std::string::npos) return false;
  auto data = new_crypt_data();
  const char* computed = ::crypt_r(password.c_str(), hash.c_str(), data.get());
  if (computed == nullptr || computed[0] == '*') return false;  // '*...' is crypt's failure token
  const std::string result(computed);
  return result.size() == hash.size() && CRYPTO_memcmp(result.data(), hash.data(), hash.size()) == 0;
}

bool crypt_can_run(const std::string& hash) {
  auto data = new_crypt_data();
  const char* computed = ::crypt_r("", hash.c_str(), data.get());
  return computed != nullptr && computed[0] != '*';
}

}  // namespace host_exporter::platform
