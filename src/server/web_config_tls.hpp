#pragma once
// Reads tls_server_config (server/tls_settings.hpp) with exporter-toolkit's rules and
// refusals: a client CA with no client_auth_type to use it, client_allowed_sans that a
// client could avoid by sending no certificate, a min_version above max_version.

#include <yaml-cpp/yaml.h>

#include <string>

#include "server/tls_settings.hpp"

namespace host_exporter::server {

// Throws WebConfigError naming the line. Relative paths are taken from `base_dir`.
TlsSettings read_tls_server_config(const YAML::Node& tls, const std::string& base_dir);

}  // namespace host_exporter::server
