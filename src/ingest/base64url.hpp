#pragma once
// The base64 variant Pushgateway accepts in grouping keys: RFC 4648 "URL and
// filename safe" alphabet, padding optional (trailing '=' are ignored, so a lone
// "=" stands for the empty string).

#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::ingest {

// nullopt for a character outside the URL-safe alphabet or an impossible length.
std::optional<std::string> decode_base64url(std::string_view text);

}  // namespace host_exporter::ingest
