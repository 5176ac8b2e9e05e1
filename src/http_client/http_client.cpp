#include "http_client/http_client.hpp"

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <netdb.h>
#include <openssl/ssl.h>
#include <strings.h>
#include <sys/socket.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>

#include "platform/sigpipe_block.hpp"
#include "server/openssl_init.hpp"

namespace host_exporter::http {

namespace {

struct Exchange {
  ClientResponse response;
  bool answered = false;
  evhttp_request_error error = EVREQ_HTTP_EOF;
  bool failed = false;
  bool error_reported = false;  // evhttp reported an error after connecting; a failed connect reports none
  int socket_error = 0;
};

std::string describe(const Exchange& exchange) {
  switch (exchange.error) {
    case EVREQ_HTTP_TIMEOUT: return "no answer in time";
    case EVREQ_HTTP_DATA_TOO_LONG: return "the answer is larger than the client accepts";
    case EVREQ_HTTP_INVALID_HEADER: return "the answer is not valid HTTP";
    default: break;
  }
  if (exchange.socket_error != 0) return "cannot connect: " + std::string(std::strerror(exchange.socket_error));
  if (!exchange.error_reported) return "cannot connect (nothing listens there, or the host is unreachable)";
  return "the connection closed without an answer (is the server running, and is it http or https?)";
}

// errno when it tells why a connect failed, else 0.
int connect_error(int socket_errno) {
  const bool connecting = socket_errno == ECONNREFUSED || socket_errno == ETIMEDOUT || socket_errno == EHOSTUNREACH ||
                          socket_errno == ENETUNREACH;
  return connecting ? socket_errno : 0;
}

void on_error(evhttp_request_error error, Exchange* exchange, int socket_errno) {
  exchange->failed = true;
  exchange->error_reported = true;
  exchange->error = error;
  exchange->socket_error = connect_error(socket_errno);
}

struct DoneArg {
  Exchange* exchange;
  event_base* base;
};

void on_done(evhttp_request* req, void* arg) {
  auto* done = static_cast<DoneArg*>(arg);
  const int saved_errno = errno;  // a failed connect reaches here with its error still set
  if (req != nullptr && evhttp_request_get_response_code(req) != 0) {
    ClientResponse& response = done->exchange->response;
    response.status = evhttp_request_get_response_code(req);
    const evkeyvalq* headers = evhttp_request_get_input_headers(req);
    for (const evkeyval* header = headers->tqh_first; header != nullptr; header = header->next.tqe_next) {
      response.headers.emplace_back(header->key, header->value);
    }
    evbuffer* body = evhttp_request_get_input_buffer(req);
    response.body.resize(evbuffer_get_length(body));
    evbuffer_remove(body, response.body.data(), response.body.size());
    done->exchange->answered = true;
  } else if (!done->exchange->failed) {
    done->exchange->failed = true;  // evhttp 2.1 ends a failed connect here, with no error callback
    done->exchange->socket_error = connect_error(saved_errno);
  }
  event_base_loopexit(done->base, nullptr);
}

evhttp_cmd_type command(std::string_view method) {
  if (method == "GET") return EVHTTP_REQ_GET;
  if (method == "HEAD") return EVHTTP_REQ_HEAD;
  if (method == "POST") return EVHTTP_REQ_POST;
  if (method == "PUT") return EVHTTP_REQ_PUT;
  if (method == "DELETE") return EVHTTP_REQ_DELETE;
  if (method == "PATCH") return EVHTTP_REQ_PATCH;
  if (method == "OPTIONS") return EVHTTP_REQ_OPTIONS;
  throw ClientError("unsupported HTTP method " + std::string(method));
}

// The first address of a host name, numeric, so that a name that does not resolve is
// reported as such rather than as a closed connection.
std::string resolve(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found); rc != 0) {
    throw ClientError("cannot resolve host " + host + ": " + ::gai_strerror(rc));
  }
  char numeric[NI_MAXHOST];
  const int rc = ::getnameinfo(found->ai_addr, found->ai_addrlen, numeric, sizeof(numeric), nullptr, 0, NI_NUMERICHOST);
  ::freeaddrinfo(found);
  if (rc != 0) throw ClientError("cannot resolve host " + host + ": " + ::gai_strerror(rc));
  return numeric;
}

SSL_CTX* new_client_context() {
  server::initialise_openssl();
  SSL_CTX* created = SSL_CTX_new(TLS_client_method());
  if (created == nullptr) throw ClientError("cannot create a TLS context");
  SSL_CTX_set_min_proto_version(created, TLS1_2_VERSION);
  SSL_CTX_set_verify(created, SSL_VERIFY_PEER, nullptr);
  return created;
}

SSL_CTX* client_tls() {
  static SSL_CTX* const context = [] {
    SSL_CTX* created = new_client_context();
    SSL_CTX_set_default_verify_paths(created);  // honours SSL_CERT_FILE and SSL_CERT_DIR
    return created;
  }();
  return context;
}

timeval to_timeval(std::chrono::milliseconds duration) {
  return {static_cast<time_t>(duration.count() / 1000), static_cast<suseconds_t>(duration.count() % 1000 * 1000)};
}

std::string host_header(const Url& url) {
  const bool v6 = url.host.find(':') != std::string::npos;
  std::string value = v6 ? "[" + url.host + "]" : url.host;
  if (url.port != (url.tls ? 443 : 80)) value += ":" + std::to_string(url.port);
  return value;
}

}  // namespace

class TlsClientContext {
 public:
  explicit TlsClientContext(const TlsClientSettings& settings)
      : context_(new_client_context()), server_name_(settings.server_name), verify_(!settings.insecure_skip_verify) {
    const auto refuse = [&](const std::string& what) {
      SSL_CTX_free(context_);
      throw ClientError(what);
    };
    if (settings.ca_file.empty()) {
      SSL_CTX_set_default_verify_paths(context_);
    } else if (SSL_CTX_load_verify_locations(context_, settings.ca_file.c_str(), nullptr) != 1) {
      refuse("cannot use ca_file " + settings.ca_file + " (not a readable PEM certificate)");
    }
    if (settings.cert_file.empty() != settings.key_file.empty()) refuse("cert_file and key_file go together");
    if (!settings.cert_file.empty()) {
      if (SSL_CTX_use_certificate_chain_file(context_, settings.cert_file.c_str()) != 1) {
        refuse("cannot use cert_file " + settings.cert_file + " (not a readable PEM certificate)");
      }
      if (SSL_CTX_use_PrivateKey_file(context_, settings.key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
          SSL_CTX_check_private_key(context_) != 1) {
        refuse("cannot use key_file " + settings.key_file + " (unreadable, or not the certificate's key)");
      }
    }
    if (!verify_) SSL_CTX_set_verify(context_, SSL_VERIFY_NONE, nullptr);
  }
  ~TlsClientContext() { SSL_CTX_free(context_); }
  TlsClientContext(const TlsClientContext&) = delete;
  TlsClientContext& operator=(const TlsClientContext&) = delete;

  SSL_CTX* context() const { return context_; }
  const std::string& server_name() const { return server_name_; }
  bool verify() const { return verify_; }

 private:
  SSL_CTX* context_;
  std::string server_name_;
  bool verify_;
};

std::shared_ptr<const TlsClientContext> make_tls_client_context(const TlsClientSettings& settings) {
  return std::make_shared<const TlsClientContext>(settings);
}

std::string_view ClientResponse::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (field.size() == name.size() && ::strncasecmp(field.data(), name.data(), name.size()) == 0) return value;
  }
  return {};
}

Url parse_url(std::string_view text) {
  Url url;
  std::string_view rest;
  if (text.starts_with("http://")) {
    rest = text.substr(7);
  } else if (text.starts_with("https://")) {
    url.tls = true;
    rest = text.substr(8);
  } else {
    throw ClientError("expected an http:// or https:// URL, got \"" + std::string(text) + "\"");
  }
  const std::size_t target = std::min(rest.find_first_of("/?"), rest.size());
  std::string_view authority = rest.substr(0, target);
  url.target = std::string(rest.substr(target));
  if (url.target.empty() || url.target.front() == '?') url.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos) {
    throw ClientError("user:password in a URL is not supported: \"" + std::string(text) + "\"");
  }
  std::string_view port;
  if (authority.starts_with("[")) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) throw ClientError("unclosed [ in \"" + std::string(text) + "\"");
    url.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':') port = authority.substr(close + 2);
  } else {
    const std::size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (url.host.empty()) throw ClientError("the URL has no host: \"" + std::string(text) + "\"");
  url.port = url.tls ? 443 : 80;
  if (!port.empty()) {
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), url.port);
    if (error != std::errc() || end != port.data() + port.size() || url.port <= 0 || url.port > 65535) {
      throw ClientError("bad port in \"" + std::string(text) + "\"");
    }
  }
  return url;
}

std::string encode_query_value(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

ClientResponse fetch(const ClientRequest& request) {
  const Url url = parse_url(request.url);
  const evhttp_cmd_type type = command(request.method);
  const std::string address = resolve(url.host);

  const platform::SigpipeBlock no_sigpipe;  // a server that closes early must not end the caller
  std::unique_ptr<event_base, decltype(&event_base_free)> base(event_base_new(), &event_base_free);
  bufferevent* transport = nullptr;
  if (url.tls) {
    const TlsClientContext* settings = request.tls.get();
    SSL* session = SSL_new(settings != nullptr ? settings->context() : client_tls());
    const std::string& name =
        settings != nullptr && !settings->server_name().empty() ? settings->server_name() : url.host;
    // SSL_set_tlsext_host_name, without the macro's C cast.
    SSL_ctrl(session, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(name.c_str()));
    if (settings == nullptr || settings->verify()) SSL_set1_host(session, name.c_str());
    transport = bufferevent_openssl_socket_new(base.get(), -1, session, BUFFEREVENT_SSL_CONNECTING,
                                               BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
    // Many servers close without a TLS close_notify; the answer is complete by its length.
    bufferevent_openssl_set_allow_dirty_shutdown(transport, 1);
  }
  std::unique_ptr<evhttp_connection, decltype(&evhttp_connection_free)> connection(
      evhttp_connection_base_bufferevent_new(base.get(), nullptr, transport, address.c_str(),
                                             static_cast<ev_uint16_t>(url.port)),
      &evhttp_connection_free);
  const timeval deadline = to_timeval(request.timeout);
  evhttp_connection_set_timeout_tv(connection.get(), &deadline);
  evhttp_connection_set_max_body_size(connection.get(), static_cast<ev_ssize_t>(request.max_response_bytes));
  evhttp_connection_set_retries(connection.get(), 0);

  Exchange exchange;
  DoneArg done{&exchange, base.get()};
  evhttp_request* req = evhttp_request_new(&on_done, &done);
  // The error callback gets the request's argument: the exchange is reached through it.
  evhttp_request_set_error_cb(req, [](evhttp_request_error error, void* arg) {
    on_error(error, static_cast<DoneArg*>(arg)->exchange, errno);
  });
  evkeyvalq* headers = evhttp_request_get_output_headers(req);
  evhttp_add_header(headers, "Host", host_header(url).c_str());
  evhttp_add_header(headers, "Connection", "close");
  for (const auto& [name, value] : request.headers) {
    if (evhttp_add_header(headers, name.c_str(), value.c_str()) != 0) {
      evhttp_request_free(req);
      throw ClientError("invalid header " + name);
    }
  }
  if (!request.body.empty() || type == EVHTTP_REQ_PUT || type == EVHTTP_REQ_POST) {
    evhttp_add_header(headers, "Content-Length", std::to_string(request.body.size()).c_str());
    evbuffer_add(evhttp_request_get_output_buffer(req), request.body.data(), request.body.size());
  }
  if (evhttp_make_request(connection.get(), req, type, url.target.c_str()) != 0) {
    throw ClientError("cannot send the request");
  }
  // One deadline for the whole exchange, whatever the server trickles.
  event_base_loopexit(base.get(), &deadline);
  event_base_dispatch(base.get());
  if (!exchange.answered) {
    if (!exchange.failed) throw ClientError("no answer within " + std::to_string(request.timeout.count()) + " ms");
    throw ClientError(describe(exchange));
  }
  return std::move(exchange.response);
}

}  // namespace host_exporter::http
