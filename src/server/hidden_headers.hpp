#pragma once
// Header names the server uses internally on requests.

#include <string_view>

namespace host_exporter::server {

// Where HttpServer keeps the client's Accept-Encoding while httplib must not see it.
inline constexpr std::string_view kHiddenAcceptEncoding = "X-Host-Exporter-Accept-Encoding";

}  // namespace host_exporter::server
