#pragma once
// Base64 decoding (RFC 4648) in the two forms host_exporter reads: the standard
// alphabet with its padding, as HTTP Basic auth sends credentials, and the URL-safe
// alphabet with optional padding, as Pushgateway accepts grouping-key values.

#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::text {

// Standard alphabet ('+', '/'), padded to a multiple of 4 characters with at most
// two '='. nullopt for any other character, a '=' elsewhere, or a length that is
// not a multiple of 4.
std::optional<std::string> decode_base64(std::string_view text);

// URL and filename safe alphabet ('-', '_'); padding optional: trailing '=' are
// ignored, so a lone "=" stands for the empty string. nullopt for a character
// outside the alphabet or an impossible length.
std::optional<std::string> decode_base64url(std::string_view text);

// The URL-safe alphabet without padding, as Pushgateway's grouping-key paths carry a
// value; an empty `data` gives "=" (Pushgateway's spelling of the empty value).
std::string encode_base64url(std::string_view data);

// The standard alphabet with padding, as an HTTP Basic auth header sends credentials.
std::string encode_base64(std::string_view data);

}  // namespace host_exporter::text
