#pragma once
// HTTP basic auth against the bcrypt hashes of basic_auth_users. bcrypt is slow on
// purpose (tens of milliseconds); a scrape every few seconds with the same
// credentials is checked once and then found in a small cache of digests.
//
// Timing tells nothing about which users exist: an unknown user's password is
// checked against a decoy hash of the highest configured cost, so it costs what a
// known user's wrong password costs. Every byte of the password counts: one with
// a NUL byte (C's crypt would stop there) or longer than bcrypt's 72 bytes
// (bcrypt would ignore the rest) is refused before any hash is run.

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "platform/password_hash.hpp"

namespace host_exporter::server {

class BasicAuth {
 public:
  // Runs a hash: true when the password hashes to it (platform::verify_password_hash).
  using Verifier = std::function<bool(const std::string& password, const std::string& hash)>;

  // `users`: user -> bcrypt hash, as parse_web_config checked them. `verify` is replaced in tests,
  // to see which hash each check runs.
  explicit BasicAuth(std::map<std::string, std::string> users, Verifier verify = platform::verify_password_hash);

  // True when an Authorization header value carries a known user and its password.
  bool check(std::string_view authorization) const;

 private:
  std::map<std::string, std::string> users_;
  Verifier verify_;
  std::string decoy_hash_;  // checked for unknown users
  mutable std::mutex mutex_;
  mutable std::set<std::string> verified_;  // SHA-256 of user, password and hash
};

}  // namespace host_exporter::server
