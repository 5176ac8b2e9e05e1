#pragma once
// HTTP basic auth against the bcrypt hashes of basic_auth_users. bcrypt is slow on
// purpose (tens of milliseconds); a scrape every few seconds with the same
// credentials is checked once and then found in a small cache of digests.

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace host_exporter::server {

class BasicAuth {
 public:
  explicit BasicAuth(std::map<std::string, std::string> users) : users_(std::move(users)) {}

  // True when an Authorization header value carries a known user and its password.
  bool check(std::string_view authorization) const;

 private:
  std::map<std::string, std::string> users_;
  mutable std::mutex mutex_;
  mutable std::set<std::string> verified_;  // SHA-256 of user, password and hash
};

}  // namespace host_exporter::server
