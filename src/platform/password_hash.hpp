#pragma once
// Checking a password against a crypt(3) hash such as bcrypt ($2b$, $2y$, $2a$),
// the hashes exporter-toolkit's basic_auth_users holds. Both systems use libxcrypt's
// crypt_r (posix/password_hash.cpp): Linux's libcrypt is libxcrypt; macOS's own crypt(3)
// knows only DES, so the macOS build links Homebrew's libxcrypt (keg-only).

#include <string>

namespace host_exporter::platform {

// True when `password` hashes to `hash`. False for a wrong password and for a
// hash the system's crypt cannot read.
bool verify_password_hash(const std::string& password, const std::string& hash);

// True for a bcrypt hash ($2a$, $2b$, $2y$) the system's crypt can check (checked
// at start, so a bad web config fails then rather than refusing every request).
bool password_hash_supported(const std::string& hash);

}  // namespace host_exporter::platform
