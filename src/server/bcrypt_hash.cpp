#include "server/bcrypt_hash.hpp"

namespace host_exporter::server {

namespace {

constexpr std::size_t kSaltAndDigest = 53;  // 22 + 31 characters
constexpr std::string_view kAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::variant<BcryptHash, std::string> parse_bcrypt_hash(std::string_view hash) {
  // "$2b$" "10" "$" then 53 characters: 60 in all.
  if (!(hash.starts_with("$2a$") || hash.starts_with("$2b$") || hash.starts_with("$2y$"))) {
    return std::string("not a bcrypt hash (it must start with $2a$, $2b$ or $2y$)");
  }
  if (hash.size() != 7 + kSaltAndDigest || !is_digit(hash[4]) || !is_digit(hash[5]) || hash[6] != '$') {
    return std::string("not a bcrypt hash (expected $2b$<two-digit cost>$ and 53 characters)");
  }
  if (hash.find_first_not_of(kAlphabet, 7) != std::string_view::npos) {
    return std::string("not a bcrypt hash (a character outside bcrypt's alphabet)");
  }
  const int cost = (hash[4] - '0') * 10 + (hash[5] - '0');
  if (cost < kMinBcryptCost || cost > kMaxBcryptCost) {
    return "bcrypt cost " + std::to_string(cost) + " is outside " + std::to_string(kMinBcryptCost) + ".." +
           std::to_string(kMaxBcryptCost) + " (each step doubles the work of every login; hash the password again "
           "with a lower cost, e.g. htpasswd -nbBC 10 user password)";
  }
  return BcryptHash{cost};
}

std::string decoy_bcrypt_hash(int cost) {
  std::string hash = "$2b$";
  hash += static_cast<char>('0' + cost / 10);
  hash += static_cast<char>('0' + cost % 10);
  hash += '$';
  hash.append(kSaltAndDigest, '.');  // an all-zero salt and digest
  return hash;
}

}  // namespace host_exporter::server
