#pragma once
// OpenSSL's oldest queued error as text, and the queue cleared.

#include <string>

namespace host_exporter::server {

std::string openssl_error();

}  // namespace host_exporter::server
