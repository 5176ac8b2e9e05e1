#pragma once
// The HTML page served at /links (/ is the live page): what this is and where its endpoints are.

#include <string>
#include <string_view>

namespace host_exporter::server {

std::string render_landing_page(std::string_view telemetry_path, std::string_view version);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace host_exporter::server
