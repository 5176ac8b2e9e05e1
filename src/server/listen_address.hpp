#pragma once
// A --web.listen-address value: host:port, [v6]:port, or :port for every interface.

#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::server {

struct ListenAddress {
  std::string host;  // without brackets; "::" (every interface, v4 and v6) for ":port"
  int port = 0;
  std::string text;  // as the user wrote it, for messages

  bool operator==(const ListenAddress&) const = default;
};

// Parses the flag value; on failure returns nullopt and sets `error` to a short reason.
std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& error);

}  // namespace host_exporter::server
