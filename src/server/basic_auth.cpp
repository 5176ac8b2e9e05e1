#include "server/basic_auth.hpp"

#include <openssl/evp.h>

#include <array>
#include <optional>

#include "platform/password_hash.hpp"
#include "text/base64.hpp"

namespace host_exporter::server {

namespace {

constexpr std::size_t kMaxCached = 64;

std::string sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

}  // namespace

bool BasicAuth::check(std::string_view authorization) const {
  constexpr std::string_view kScheme = "Basic ";
  if (authorization.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {  // the scheme is case-insensitive
    if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return false;
    }
  }
  const std::optional<std::string> credentials = text::decode_base64(authorization.substr(kScheme.size()));
  if (!credentials) return false;
  const auto colon = credentials->find(':');
  if (colon == std::string::npos) return false;
  const std::string user = credentials->substr(0, colon);
  const std::string password = credentials->substr(colon + 1);
  const auto it = users_.find(user);
  if (it == users_.end()) return false;

  const std::string key = sha256(user + '\0' + password + '\0' + it->second);
  {
    std::lock_guard lock(mutex_);
    if (verified_.contains(key)) return true;
  }
  if (!platform::verify_password_hash(password, it->second)) return false;
  std::lock_guard lock(mutex_);
  if (verified_.size() >= kMaxCached) verified_.clear();
  verified_.insert(key);
  return true;
}

}  // namespace host_exporter::server
