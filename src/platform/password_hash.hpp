#pragma once
// Checking a password against a crypt(3) hash such as bcrypt ($2b$, $2y$, $2a$),
// the hashes exporter-toolkit's basic_auth_users holds. Both systems use libxcrypt's
// crypt_r (posix/password_hash.cpp): Linux's libcrypt is libxcrypt; macOS's own crypt(3)
// knows only DES, so the macOS build links Homebrew's libxcrypt (keg-only).

#include <string>

namespace host_exporter::platform {

// True when `password` hashes to `hash`. False for a wrong password, a password
// holding a NUL byte (crypt would stop reading there) and a hash the system's
// crypt cannot read. Runs the hash: for bcrypt, as long as its cost says.
bool verify_password_hash(const std::string& password, const std::string& hash);

// True when the system's crypt runs hashes of this kind. Runs `hash` once: give a
// cheap one (a bcrypt hash of cost 4), never a configured user's.
bool crypt_can_run(const std::string& hash);

}  // namespace host_exporter::platform
