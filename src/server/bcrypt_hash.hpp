#pragma once
// The form of a bcrypt hash ("$2b$10$" + 22 salt + 31 digest characters of
// bcrypt's base64), checked by reading it, never by running bcrypt: a hash of
// cost 31 would take days to run, so start-up must not run any.

#include <string>
#include <string_view>
#include <variant>

namespace host_exporter::server {

// exporter-toolkit accepts Go's bcrypt range, 4 to 31 (bcrypt.Cost). Every step
// doubles the work: cost 31 is about 2^21 times cost 10 (days per request), so
// a check could hold a request thread for ever. We stop at 16 (seconds at most).
inline constexpr int kMinBcryptCost = 4;
inline constexpr int kMaxBcryptCost = 16;

// bcrypt reads at most 72 bytes of a password; a longer one would match on its start.
inline constexpr std::size_t kMaxBcryptPasswordBytes = 72;

struct BcryptHash {
  int cost = 0;
};

// The hash's cost, or why it is not a bcrypt hash we accept (one line, no hash text).
std::variant<BcryptHash, std::string> parse_bcrypt_hash(std::string_view hash);

// A well-formed hash of `cost` that no password matches in practice (its digest was
// not computed): checking a password against it costs what a real check costs.
std::string decoy_bcrypt_hash(int cost);

}  // namespace host_exporter::server
