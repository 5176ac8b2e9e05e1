#include "server/listen_address.hpp"

#include <charconv>

namespace host_exporter::server {

std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& error) {
  ListenAddress address;
  address.text = std::string(text);
  std::string_view port_text;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      error = "expected [ipv6]:port";
      return std::nullopt;
    }
    address.host = std::string(text.substr(1, close - 1));
    if (address.host.empty()) {
      error = "empty IPv6 address in brackets";
      return std::nullopt;
    }
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      error = "missing port (expected host:port)";
      return std::nullopt;
    }
    address.host = std::string(text.substr(0, colon));
    if (address.host.find(':') != std::string::npos) {
      error = "an IPv6 address needs brackets, as in [::1]:9101";
      return std::nullopt;
    }
    port_text = text.substr(colon + 1);
  }
  if (address.host.empty()) address.host = "::";  // Go's ":port": every interface

  int port = -1;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
      port > 65535) {
    error = "port must be a number from 1 to 65535";
    return std::nullopt;
  }
  address.port = port;
  return address;
}

}  // namespace host_exporter::server
