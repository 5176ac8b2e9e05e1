#include "server/http_server.hpp"

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "log/log.hpp"
#include "platform/sigpipe_block.hpp"
#include "server/connection_table.hpp"
#include "server/loop_waker.hpp"
#include "server/request_dispatch.hpp"
#include "server/worker_pool.hpp"

namespace host_exporter::server {

namespace {

// libevent writes at most 16 KiB a loop turn by default; a scrape's page is larger.
constexpr ev_ssize_t kMaxSingleWrite = 1 << 20;

timeval to_timeval(std::chrono::milliseconds duration) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
  return {static_cast<time_t>(seconds.count()),
          static_cast<suseconds_t>(std::chrono::duration_cast<std::chrono::microseconds>(duration - seconds).count())};
}

const char* method_name(evhttp_cmd_type command) {
  switch (command) {
    case EVHTTP_REQ_GET: return "GET";
    case EVHTTP_REQ_HEAD: return "HEAD";
    case EVHTTP_REQ_POST: return "POST";
    case EVHTTP_REQ_PUT: return "PUT";
    case EVHTTP_REQ_DELETE: return "DELETE";
    case EVHTTP_REQ_OPTIONS: return "OPTIONS";
    case EVHTTP_REQ_PATCH: return "PATCH";
    case EVHTTP_REQ_TRACE: return "TRACE";
    case EVHTTP_REQ_CONNECT: return "CONNECT";
  }
  return "GET";
}

// The request as plain values: a worker must not touch evhttp's objects.
Request copy_request(evhttp_request* req) {
  Request request;
  request.method = method_name(evhttp_request_get_command(req));
  // The path percent-decoded, as Go's net/http gives it to Pushgateway's router; the query as sent.
  const evhttp_uri* uri = evhttp_request_get_evhttp_uri(req);
  const char* path = uri != nullptr ? evhttp_uri_get_path(uri) : nullptr;
  if (path == nullptr || *path == '\0') path = "/";
  std::size_t length = 0;
  if (char* decoded = evhttp_uridecode(path, 0, &length); decoded != nullptr) {
    request.path.assign(decoded, length);
    std::free(decoded);
  }
  if (const char* query = uri != nullptr ? evhttp_uri_get_query(uri) : nullptr; query != nullptr) request.query = query;
  const evkeyvalq* headers = evhttp_request_get_input_headers(req);
  for (const evkeyval* header = headers->tqh_first; header != nullptr; header = header->next.tqe_next) {
    request.headers.add(header->key, header->value);
  }
  evbuffer* body = evhttp_request_get_input_buffer(req);
  request.body.resize(evbuffer_get_length(body));
  evbuffer_remove(body, request.body.data(), request.body.size());
  char* host = nullptr;
  ev_uint16_t port = 0;
  evhttp_connection_get_peer(evhttp_request_get_connection(req), &host, &port);
  if (host != nullptr) request.remote_addr = std::string(host) + ":" + std::to_string(port);
  return request;
}

// The request line of a head, without its line ending (leading empty lines skipped).
std::string_view first_line(std::string_view head) {
  while (head.starts_with("\r\n") || head.starts_with("\n")) head.remove_prefix(head.front() == '\r' ? 2 : 1);
  std::string_view line = head.substr(0, head.find('\n'));
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

// True when the client expects the connection to close after this response.
bool client_closes(evkeyvalq* input, bool http10) {
  const char* connection = evhttp_find_header(input, "Connection");
  if (connection != nullptr && evutil_ascii_strcasecmp(connection, "close") == 0) return true;
  return http10 && (connection == nullptr || evutil_ascii_strcasecmp(connection, "keep-alive") != 0);
}

}  // namespace

struct HttpServer::Loop {
  // What evhttp's callbacks get: the loop and the connection they concern.
  struct Guard {
    Loop* loop;
    Connection* connection;
  };
  struct Completion {
    evhttp_request* request;
    Response response;
    bool head_only;
  };

  Loop(const HttpServerOptions& settings, std::shared_ptr<const Routes> served, HttpStats& counters)
      : options(settings),
        routes(std::move(served)),
        stats(counters),
        table(settings.max_connections, settings.head_limits),
        pool(settings.worker_threads, settings.max_queued_requests) {}

  const HttpServerOptions& options;
  std::shared_ptr<const Routes> routes;
  HttpStats& stats;
  ConnectionTable table;
  WorkerPool pool;
  std::unique_ptr<TlsContext> tls;
  event_base* base = nullptr;
  evhttp* http = nullptr;
  LoopWaker waker;        // a worker finished, or stop() asks the loop to wind down
  event* wake = nullptr;  // watches waker
  std::unordered_map<bufferevent*, Guard*> guards;
  std::thread thread;
  std::mutex done_mutex;
  std::vector<Completion> done;
  std::atomic<bool> stopping{false};
  std::vector<evhttp_bound_socket*> sockets;
  std::size_t in_flight = 0;  // loop thread only: requests handed to workers and not yet answered
  std::chrono::steady_clock::time_point stop_deadline;

  // --- connection life ---
  static bufferevent* open_connection(event_base* base, void* arg);
  static void close_connection_context(void* arg);
  static bufferevent_filter_result guard_input(evbuffer* src, evbuffer* dst, ev_ssize_t, bufferevent_flush_mode,
                                               void* arg);
  static void on_output_added(evbuffer*, const evbuffer_cb_info* info, void* arg);
  static void on_output_sent(evbuffer* sent, const evbuffer_cb_info* info, void* arg);
  static void on_flush(evutil_socket_t, short, void* arg);
  static void on_deadline(evutil_socket_t, short, void* arg);
  static void on_resume(evutil_socket_t, short, void* arg);
  static void on_answered(evhttp_request*, void* arg);
  void arm(Connection& connection, std::chrono::milliseconds after);
  void close(Connection& connection);
  void refuse(Connection& connection, int status, std::string_view reason, Refusal kind);
  static bool all_sent(const Connection& connection);
  void watch_next_head(Guard& guard);

  // --- requests ---
  static void on_request(evhttp_request* req, void* arg);
  static void on_wake(evutil_socket_t, short, void* arg);
  void send(evhttp_request* req, Response& response, bool head_only, bool close_after);
  void finish_if_stopping();
};

bufferevent* HttpServer::Loop::open_connection(event_base* base, void* arg) {
  auto* loop = static_cast<Loop*>(arg);
  SSL* session = loop->tls ? loop->tls->new_session() : nullptr;
  bufferevent* socket = session != nullptr
                            ? bufferevent_openssl_socket_new(base, -1, session, BUFFEREVENT_SSL_ACCEPTING,
                                                             BEV_OPT_CLOSE_ON_FREE)
                            : bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_set_max_single_write(socket, kMaxSingleWrite);
  Connection& connection = loop->table.open();
  auto* guard = new Guard{loop, &connection};
  bufferevent* filtered = bufferevent_filter_new(socket, &Loop::guard_input, nullptr, BEV_OPT_CLOSE_ON_FREE,
                                                 &Loop::close_connection_context, guard);
  connection.transport = filtered;
  connection.deadline = event_new(base, -1, 0, &Loop::on_deadline, guard);
  connection.resume = event_new(base, -1, 0, &Loop::on_resume, guard);
  connection.flush = event_new(base, -1, 0, &Loop::on_flush, guard);
  evbuffer_add_cb(bufferevent_get_output(filtered), &Loop::on_output_added, guard);
  evbuffer_add_cb(bufferevent_get_output(socket), &Loop::on_output_sent, guard);
  loop->guards[filtered] = guard;
  loop->stats.opened();
  loop->arm(connection, loop->options.idle_timeout);
  if (loop->tls && session == nullptr) loop->close(connection);  // no TLS session: cannot serve it
  if (loop->table.over_capacity()) {
    if (Connection* oldest = loop->table.oldest_to_shed(connection)) {
      loop->stats.shed();
      loop->close(*oldest);
    } else {
      loop->stats.refused(Refusal::kMaxConnections);
      loop->close(connection);
    }
  }
  return filtered;
}

void HttpServer::Loop::close_connection_context(void* arg) {
  auto* guard = static_cast<Guard*>(arg);
  Loop& loop = *guard->loop;
  Connection& connection = *guard->connection;
  loop.guards.erase(connection.transport);
  event_free(connection.deadline);
  event_free(connection.resume);
  event_free(connection.flush);
  loop.table.close(connection);
  loop.stats.closed();
  delete guard;
}

void HttpServer::Loop::arm(Connection& connection, std::chrono::milliseconds after) {
  const timeval delay = to_timeval(after);
  event_add(connection.deadline, &delay);
}

// Ends a connection later in this loop turn: safe even before evhttp has set the connection up
// (from open_connection), since the deadline's callback does the work.
void HttpServer::Loop::close(Connection& connection) {
  if (connection.closing) return;
  connection.closing = true;
  event_del(connection.deadline);
  event_active(connection.deadline, 0, 0);
}

// A refused request is answered by the guard itself, straight to the socket: evhttp never sees it
// (libevent 2.1 has no hook to refuse a head it has not parsed, and its own error pages are lost
// through the filter, see on_output_added). The connection closes once the answer is sent.
void HttpServer::Loop::refuse(Connection& connection, int status, std::string_view reason, Refusal kind) {
  stats.refused(kind);
  log::warn("request refused", {{"status", std::to_string(status)}, {"reason", std::string(reason)}});
  const std::string body = std::string(reason) + "\n";
  const std::string answer = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
                             "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  connection.refused = true;
  connection.close_when_sent = true;
  arm(connection, options.write_timeout);  // a client that does not read its answer
  bufferevent_write(bufferevent_get_underlying(connection.transport), answer.data(), answer.size());
}

bool HttpServer::Loop::all_sent(const Connection& connection) {
  bufferevent* socket = bufferevent_get_underlying(connection.transport);
  return evbuffer_get_length(bufferevent_get_output(connection.transport)) == 0 &&
         (socket == nullptr || evbuffer_get_length(bufferevent_get_output(socket)) == 0);
}

// The idle or head deadline passed, or close() asked for the end.
void HttpServer::Loop::on_deadline(evutil_socket_t, short, void* arg) {
  auto* guard = static_cast<Guard*>(arg);
  Connection& connection = *guard->connection;
  if (!connection.closing && connection.state == ConnectionState::kReadingHead) {
    guard->loop->stats.refused(Refusal::kHeadTimeout);
  }
  connection.closing = true;
  // As if the socket timed out: evhttp frees the connection (deferred: not inside this event's callback).
  bufferevent_trigger_event(connection.transport, BEV_EVENT_READING | BEV_EVENT_TIMEOUT, BEV_TRIG_DEFER_CALLBACKS);
}

void HttpServer::Loop::on_resume(evutil_socket_t, short, void* arg) {
  bufferevent_flush(static_cast<Guard*>(arg)->connection->transport, EV_READ, BEV_NORMAL);
}

// Between the socket and evhttp: holds each request head back until it is complete
// and within the limits, then lets it and its body through untouched.
bufferevent_filter_result HttpServer::Loop::guard_input(evbuffer* src, evbuffer* dst, ev_ssize_t,
                                                        bufferevent_flush_mode, void* arg) {
  auto* guard = static_cast<Guard*>(arg);
  Loop& loop = *guard->loop;
  Connection& connection = *guard->connection;
  const std::size_t available = evbuffer_get_length(src);
  if (connection.closing || connection.refused) {
    evbuffer_drain(src, available);
    return BEV_NEED_MORE;
  }
  if (connection.state == ConnectionState::kReadingBody || connection.state == ConnectionState::kAnswering) {
    connection.body_bytes += available;
    // A chunked body is bounded on the wire, framing included, before evhttp buffers it.
    if (connection.chunked && connection.body_bytes > loop.options.max_body_bytes) {
      loop.refuse(connection, 413, "request body over the size limit", Refusal::kBodyTooLarge);
      evbuffer_drain(src, available);
      return BEV_NEED_MORE;
    }
    evbuffer_add_buffer(dst, src);
    return BEV_OK;
  }
  if (available == 0) return BEV_NEED_MORE;
  if (connection.state == ConnectionState::kWaiting) {
    connection.state = ConnectionState::kReadingHead;
    connection.scanned = 0;
    loop.arm(connection, loop.options.read_timeout);
  }
  const char* bytes = reinterpret_cast<const char*>(evbuffer_pullup(src, static_cast<ev_ssize_t>(available)));
  const auto result = connection.head.scan({bytes + connection.scanned, available - connection.scanned});
  switch (result.verdict) {
    case HeadScanner::Verdict::kIncomplete:
      connection.scanned = available;
      return BEV_NEED_MORE;
    case HeadScanner::Verdict::kTooLarge:
      loop.refuse(connection, 431, result.reason, Refusal::kHeadTooLarge);
      evbuffer_drain(src, available);
      return BEV_NEED_MORE;
    case HeadScanner::Verdict::kComplete: {
      const std::size_t head_length = connection.scanned + result.head_end;
      if (declared_content_length({bytes, head_length}) > loop.options.max_body_bytes) {
        loop.refuse(connection, 413, "request body over the size limit", Refusal::kBodyTooLarge);
        evbuffer_drain(src, available);
        return BEV_NEED_MORE;
      }
      connection.chunked = declares_chunked_body({bytes, head_length});
      const std::string_view request_line = first_line({bytes, head_length});
      connection.http10 = request_line.ends_with("HTTP/1.0");
      connection.state = ConnectionState::kReadingBody;
      connection.body_bytes = available - head_length;
      connection.scanned = 0;
      event_del(connection.deadline);
      evbuffer_add_buffer(dst, src);
      return BEV_OK;
    }
  }
  return BEV_NEED_MORE;
}

// Writing through the filter. libevent 2.1's filter has two habits evhttp does not expect:
// - it does not pass on what evhttp wrote while writing was off (evhttp writes a response, then turns
//   writing on): every write is passed on from the loop instead (on_flush);
// - it tells evhttp a response is written as soon as the bytes reach the socket's buffer in user space,
//   and evhttp then closes a "Connection: close" connection with the response unsent. So evhttp never
//   closes after our responses (send() takes the close out of its sight) and we close the connection
//   once the socket has taken the last byte (on_output_sent).
void HttpServer::Loop::on_output_added(evbuffer*, const evbuffer_cb_info* info, void* arg) {
  if (info->n_added > 0) event_active(static_cast<Guard*>(arg)->connection->flush, 0, 0);
}

void HttpServer::Loop::on_flush(evutil_socket_t, short, void* arg) {
  bufferevent_flush(static_cast<Guard*>(arg)->connection->transport, EV_WRITE, BEV_FLUSH);
}

void HttpServer::Loop::on_output_sent(evbuffer*, const evbuffer_cb_info* info, void* arg) {
  auto* guard = static_cast<Guard*>(arg);
  Connection& connection = *guard->connection;
  if (info->n_deleted == 0 || !connection.close_when_sent || connection.state == ConnectionState::kAnswering) return;
  if (all_sent(connection)) guard->loop->close(connection);
}

// After a response: the next head starts. Bytes the client sent early (pipelining)
// are already with evhttp or still held below the filter; look at both.
void HttpServer::Loop::watch_next_head(Guard& guard) {
  Connection& connection = *guard.connection;
  if (connection.close_when_sent) {
    connection.state = ConnectionState::kWaiting;
    if (all_sent(connection)) {
      close(connection);
    } else {
      arm(connection, options.write_timeout);  // on_output_sent closes it; this bounds a client that does not read
    }
    return;
  }
  connection.state = ConnectionState::kWaiting;
  connection.head.reset();
  connection.scanned = 0;
  connection.body_bytes = 0;
  connection.chunked = false;
  arm(connection, options.idle_timeout);
  evbuffer* passed = bufferevent_get_input(connection.transport);
  if (const std::size_t length = evbuffer_get_length(passed); length > 0) {
    const char* bytes = reinterpret_cast<const char*>(evbuffer_pullup(passed, static_cast<ev_ssize_t>(length)));
    const auto result = connection.head.scan({bytes, length});
    if (result.verdict == HeadScanner::Verdict::kTooLarge) {
      stats.refused(Refusal::kHeadTooLarge);  // evhttp has the bytes already: no answer, only a close
      close(connection);
      return;
    }
    connection.state = result.verdict == HeadScanner::Verdict::kComplete ? ConnectionState::kReadingBody
                                                                           : ConnectionState::kReadingHead;
    if (connection.state == ConnectionState::kReadingHead) arm(connection, options.read_timeout);
  }
  bufferevent* socket = bufferevent_get_underlying(connection.transport);
  if (socket != nullptr && evbuffer_get_length(bufferevent_get_input(socket)) > 0) event_active(connection.resume, 0, 0);
}

void HttpServer::Loop::on_answered(evhttp_request*, void* arg) {
  auto* guard = static_cast<Guard*>(arg);
  guard->loop->watch_next_head(*guard);
}

void HttpServer::Loop::on_request(evhttp_request* req, void* arg) {
  auto* loop = static_cast<Loop*>(arg);
  evhttp_connection* evcon = evhttp_request_get_connection(req);
  const auto found = loop->guards.find(evhttp_connection_get_bufferevent(evcon));
  if (found == loop->guards.end()) {
    evhttp_send_error(req, 500, nullptr);
    return;
  }
  Guard& guard = *found->second;
  Connection& connection = *guard.connection;
  connection.state = ConnectionState::kAnswering;
  event_del(connection.deadline);
  evhttp_request_set_on_complete_cb(req, &Loop::on_answered, &guard);
  if (!connection.nodelay) {
    // A response larger than one write goes out in pieces; Nagle would hold the last one back
    // until the client's delayed ACK (40 ms on Linux). Go's net/http sets it too.
    const int yes = 1;
    ::setsockopt(bufferevent_getfd(evhttp_connection_get_bufferevent(evcon)), IPPROTO_TCP, TCP_NODELAY, &yes,
                 sizeof(yes));
    connection.nodelay = true;
  }

  Request request = copy_request(req);
  if (request.headers.size() > loop->options.head_limits.max_fields) {  // a pipelined head evhttp read itself
    loop->stats.refused(Refusal::kHeadTooLarge);
    Response response;
    respond(response, 431, "too many header fields\n");
    loop->send(req, response, false, true);
    return;
  }
  const bool head_only = request.method == "HEAD";
  ++loop->in_flight;
  const bool queued = loop->pool.try_submit([loop, req, head_only, request = std::move(request)] {
    Response response = dispatch(*loop->routes, request, loop->options.authorize, loop->stats);
    {
      std::lock_guard lock(loop->done_mutex);
      loop->done.push_back({req, std::move(response), head_only});
    }
    loop->waker.notify();
  });
  if (!queued) {
    --loop->in_flight;
    loop->stats.refused(Refusal::kQueueFull);
    Response response;
    respond(response, 503, "Too many requests in progress; try again.\n");
    loop->send(req, response, head_only, true);
  }
}

void HttpServer::Loop::on_wake(evutil_socket_t, short, void* arg) {
  auto* loop = static_cast<Loop*>(arg);
  loop->waker.drain();
  std::vector<Completion> ready;
  {
    std::lock_guard lock(loop->done_mutex);
    ready.swap(loop->done);
  }
  for (auto& completion : ready) {
    loop->send(completion.request, completion.response, completion.head_only, false);
    --loop->in_flight;
  }
  loop->finish_if_stopping();
}

// Stopping: no new connections; the loop ends once every request handed to a worker is answered
// and every answer has reached the kernel (checked every 10 ms), or after --web.write-timeout.
void HttpServer::Loop::finish_if_stopping() {
  if (!stopping.load()) return;
  const auto now = std::chrono::steady_clock::now();
  if (!sockets.empty()) {
    for (evhttp_bound_socket* socket : sockets) evhttp_del_accept_socket(http, socket);
    sockets.clear();
    stop_deadline = now + options.write_timeout;
  }
  bool answered = in_flight == 0;
  table.for_each([&](Connection& connection) {
    if (connection.state == ConnectionState::kAnswering || !all_sent(connection)) answered = false;
  });
  if (answered || now >= stop_deadline) {
    event_base_loopexit(base, nullptr);
    return;
  }
  const timeval again{0, 10'000};
  event_base_once(base, -1, EV_TIMEOUT, [](evutil_socket_t, short, void* arg) {
    static_cast<Loop*>(arg)->finish_if_stopping();
  }, this, &again);
}

void HttpServer::Loop::send(evhttp_request* req, Response& response, bool head_only, bool close_after) {
  // evhttp must not close the connection itself (see on_output_added): it sees a kept-alive request,
  // and the connection is closed once the socket has the whole response.
  if (const auto found = guards.find(evhttp_connection_get_bufferevent(evhttp_request_get_connection(req)));
      found != guards.end()) {
    Connection& connection = *found->second->connection;
    evkeyvalq* input = evhttp_request_get_input_headers(req);
    connection.close_when_sent = close_after || client_closes(input, connection.http10);
    evhttp_remove_header(input, "Connection");
    if (connection.http10) evhttp_add_header(input, "Connection", "keep-alive");
  }
  evkeyvalq* headers = evhttp_request_get_output_headers(req);
  for (const auto& [name, value] : response.headers.fields()) evhttp_add_header(headers, name.c_str(), value.c_str());
  for (const auto& [name, value] : options.headers) {
    if (!response.headers.has(name)) evhttp_add_header(headers, name.c_str(), value.c_str());
  }
  if (head_only) {
    evhttp_add_header(headers, "Content-Length", std::to_string(response.body.size()).c_str());
  } else if (!response.body.empty()) {
    // The body is handed over, not copied: evbuffer frees it once written.
    auto* body = new std::string(std::move(response.body));
    evbuffer_add_reference(
        evhttp_request_get_output_buffer(req), body->data(), body->size(),
        [](const void*, size_t, void* owned) { delete static_cast<std::string*>(owned); }, body);
  }
  evhttp_send_reply(req, response.status, reason_phrase(response.status), nullptr);
}

HttpServer::HttpServer(HttpServerOptions options, Routes routes)
    : options_(std::move(options)), routes_(std::make_shared<const Routes>(std::move(routes))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  auto loop = std::make_unique<Loop>(options_, routes_, *stats_);
  if (options_.tls) {
    try {
      loop->tls = std::make_unique<TlsContext>(*options_.tls);
    } catch (const std::exception& e) {
      throw BindError(e.what());
    }
  }
  std::vector<ListenSocket> sockets;
  try {
    for (const auto& address : options_.addresses) sockets.push_back(open_listen_socket(address));
  } catch (const BindError&) {
    for (const auto& socket : sockets) ::close(socket.fd);
    throw;
  }

  // evhttp turns reading and writing on and off several times a request; with a changelist, epoll
  // hears only the net change of each descriptor once per loop turn instead of every step.
  event_config* config = event_config_new();
  event_config_set_flag(config, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
  loop->base = event_base_new_with_config(config);
  event_config_free(config);
  loop->http = evhttp_new(loop->base);
  evhttp* http = loop->http;
  // The guard enforces the head limits with 431; evhttp's own bound is the backstop for pipelined heads.
  evhttp_set_max_headers_size(http, static_cast<ev_ssize_t>(options_.head_limits.max_head_bytes));
  evhttp_set_max_body_size(http, static_cast<ev_ssize_t>(options_.max_body_bytes));
  // evhttp's own inactivity timeout covers bodies and responses; heads and idle connections have
  // their own deadlines (the guard's), so it must not cut those shorter.
  const timeval inactivity = to_timeval(std::max<std::chrono::milliseconds>(options_.write_timeout,
                                                                           options_.idle_timeout));
  evhttp_set_timeout_tv(http, &inactivity);
  evhttp_set_allowed_methods(http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST | EVHTTP_REQ_PUT |
                                       EVHTTP_REQ_DELETE | EVHTTP_REQ_OPTIONS | EVHTTP_REQ_PATCH);
  evhttp_set_default_content_type(http, "text/plain; charset=utf-8");
  evhttp_set_bevcb(http, &Loop::open_connection, loop.get());
  evhttp_set_gencb(http, &Loop::on_request, loop.get());
  loop->wake = event_new(loop->base, loop->waker.read_fd(), EV_READ | EV_PERSIST, &Loop::on_wake, loop.get());
  event_add(loop->wake, nullptr);
  for (const auto& socket : sockets) {
    loop->sockets.push_back(evhttp_accept_socket_with_handle(http, socket.fd));
    ports_.push_back(socket.port);
  }
  Loop* running = loop.get();
  loop->thread = std::thread([this, running] {
    const platform::SigpipeBlock no_sigpipe;  // a client gone mid-response must not end the process
    const int rc = event_base_loop(running->base, EVLOOP_NO_EXIT_ON_EMPTY);
    if (rc != 0 && !running->stopping.load()) {
      failed_ = true;
      log::error("the HTTP server's event loop stopped on an error");
      if (on_failure_) on_failure_();
    }
  });
  loop_ = std::move(loop);
}

void HttpServer::stop() {
  if (!loop_) return;
  loop_->stopping = true;
  loop_->waker.notify();  // the loop closes its listeners and exits once nothing is in flight
  if (loop_->thread.joinable()) loop_->thread.join();
  loop_->pool.stop();
  evhttp_free(loop_->http);  // closes every connection left
  event_free(loop_->wake);
  event_base_free(loop_->base);
  loop_.reset();
}

}  // namespace host_exporter::server
