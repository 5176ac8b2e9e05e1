#include "server/basic_auth.hpp"

#include <openssl/evp.h>

#include <array>

#include "platform/password_hash.hpp"

namespace host_exporter::server {

namespace {

constexpr std::size_t kMaxCached = 64;

std::string sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

bool decode_base64(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 != 0) return false;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int values[4];
    int padding = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = text[i + j];
      if (c == '=' && i + 4 == text.size() && j >= 2) {
        values[j] = 0;
        ++padding;
      } else if (padding > 0 || (values[j] = base64_value(c)) < 0) {
        return false;
      }
    }
    const unsigned bits = (static_cast<unsigned>(values[0]) << 18) | (static_cast<unsigned>(values[1]) << 12) |
                          (static_cast<unsigned>(values[2]) << 6) | static_cast<unsigned>(values[3]);
    out += static_cast<char>((bits >> 16) & 0xFF);
    if (padding < 2) out += static_cast<char>((bits >> 8) & 0xFF);
    if (padding < 1) out += static_cast<char>(bits & 0xFF);
  }
  return true;
}

bool BasicAuth::check(std::string_view authorization) const {
  constexpr std::string_view kScheme = "Basic ";
  if (authorization.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {  // the scheme is case-insensitive
    if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return false;
    }
  }
  std::string credentials;
  if (!decode_base64(authorization.substr(kScheme.size()), credentials)) return false;
  const auto colon = credentials.find(':');
  if (colon == std::string::npos) return false;
  const std::string user = credentials.substr(0, colon);
  const std::string password = credentials.substr(colon + 1);
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
