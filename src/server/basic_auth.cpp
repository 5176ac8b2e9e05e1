#include "server/basic_auth.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <optional>
#include <variant>

#include "server/bcrypt_hash.hpp"
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

// The decoy costs what the dearest configured hash costs, so no user answers faster than an unknown one.
std::string decoy_for(const std::map<std::string, std::string>& users) {
  int cost = kMinBcryptCost;
  for (const auto& [user, hash] : users) {
    const auto parsed = parse_bcrypt_hash(hash);
    if (const auto* form = std::get_if<BcryptHash>(&parsed)) cost = std::max(cost, form->cost);
  }
  return decoy_bcrypt_hash(cost);
}

}  // namespace

BasicAuth::BasicAuth(std::map<std::string, std::string> users, Verifier verify)
    : users_(std::move(users)), verify_(std::move(verify)), decoy_hash_(decoy_for(users_)) {}

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
  // Refused whatever the user: the answer's timing says nothing about the user.
  if (password.find('\0') != std::string::npos || password.size() > kMaxBcryptPasswordBytes) return false;
  const auto it = users_.find(user);
  if (it == users_.end()) {
    verify_(password, decoy_hash_);  // the work a known user's check costs
    return false;
  }

  const std::string key = sha256(user + '\0' + password + '\0' + it->second);
  {
    std::lock_guard lock(mutex_);
    if (verified_.contains(key)) return true;
  }
  if (!verify_(password, it->second)) return false;
  std::lock_guard lock(mutex_);
  if (verified_.size() >= kMaxCached) verified_.clear();
  verified_.insert(key);
  return true;
}

}  // namespace host_exporter::server
