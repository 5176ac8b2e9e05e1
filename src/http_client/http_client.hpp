#pragma once
// A blocking HTTP/1.1 client on libevent's evhttp, for the few requests the
// program and the client library send (verify's Prometheus queries, pushes, the
// push command): one request, one connection, one deadline for the whole exchange.
// https verifies the server's certificate and name against the system's CAs.

#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace host_exporter::http {

// TLS settings of a client that talks to one kind of server (a remote-write receiver):
// its own CA, a client certificate, another name to check. Empty fields keep the defaults.
struct TlsClientSettings {
  std::string ca_file;      // PEM; empty: the system's CAs
  std::string cert_file;    // PEM client certificate, with key_file
  std::string key_file;
  std::string server_name;  // name sent (SNI) and checked; empty: the URL's host
  bool insecure_skip_verify = false;
};

// An OpenSSL client context built once from TlsClientSettings and shared by requests.
class TlsClientContext;
// Throws ClientError naming the file that cannot be used.
std::shared_ptr<const TlsClientContext> make_tls_client_context(const TlsClientSettings& settings);

struct ClientRequest {
  std::string method = "GET";
  std::string url;  // http://host[:port]/path?query or https://...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_response_bytes = 64u << 20;
  std::shared_ptr<const TlsClientContext> tls;  // https only; null: the system's CAs, the URL's host
};

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string_view header(std::string_view name) const;  // case-insensitive; "" when absent
};

// No response: what() says why in words a user can act on.
class ClientError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A URL split for a request; throws ClientError for anything but http(s)://host...
struct Url {
  bool tls = false;
  std::string host;  // without brackets
  int port = 0;
  std::string target;  // path and query, "/" at least
};
Url parse_url(std::string_view url);

ClientResponse fetch(const ClientRequest& request);

// Percent-encodes a query parameter value (RFC 3986 unreserved characters stay).
std::string encode_query_value(std::string_view value);

}  // namespace host_exporter::http
