#include "server/http_server.hpp"

#include <event2/keyvalq_struct.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "log/log.hpp"
#include "platform/sigpipe_block.hpp"
#include "server/http_loop.hpp"
#include "server/request_dispatch.hpp"

namespace host_exporter::server {

namespace {

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


// True when the client expects the connection to close after this response.
bool client_closes(evkeyvalq* input, bool http10) {
  const char* connection = evhttp_find_header(input, "Connection");
  if (connection != nullptr && evutil_ascii_strcasecmp(connection, "close") == 0) return true;
  return http10 && (connection == nullptr || evutil_ascii_strcasecmp(connection, "keep-alive") != 0);
}


}  // namespace

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
  if (connection.streaming) return;  // evhttp hands a failed request back to us; a stream ends on its own
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
  if (const Route* route = loop->inline_route(request); route != nullptr) {
    loop->inline_queue.push_back({req, route, std::move(request), head_only});
    event_active(loop->inline_turn, 0, 0);
    return;
  }
  const bool queued = loop->pool.try_submit([loop, req, head_only, request = std::move(request)] {
    Response response = dispatch(*loop->routes, request, loop->options.authorize, loop->stats);
    loop->stats.handled(HandledOn::kWorker);
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

// The route whose handler the loop runs itself for this request, or null for a worker. Never
// with basic auth: a bcrypt check is slow on purpose.
const Route* HttpServer::Loop::inline_route(const Request& request) const {
  if (options.authorize) return nullptr;
  const Route* route = routes->match_exact(request.method, request.path);
  if (route == nullptr || !inline_budget.allows(*route, InlineBudget::Clock::now())) return nullptr;
  return route;
}

void HttpServer::Loop::on_inline_turn(evutil_socket_t, short, void* arg) {
  auto* loop = static_cast<Loop*>(arg);
  loop->inline_ready.swap(loop->inline_queue);  // both keep their storage from scrape to scrape
  for (auto& pending : loop->inline_ready) {
    loop->answer_inline(pending);
    --loop->in_flight;
  }
  loop->inline_ready.clear();
  loop->finish_if_stopping();
}

void HttpServer::Loop::answer_inline(InlineRequest& pending) {
  const auto start = InlineBudget::Clock::now();
  Response response = answer(*pending.route, pending.copy);
  const auto end = InlineBudget::Clock::now();
  if (inline_budget.ran(*pending.route, end - start, end)) {
    log::warn("a handler ran longer than the event loop's budget; it runs on the workers for a while",
              {{"path", pending.copy.path},
               {"took", std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(end - start).count()) + "ms"},
               {"budget",
                std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(inline_budget.budget()).count()) +
                    "ms"}});
  }
  stats.handled(HandledOn::kLoop);
  send(pending.request, response, pending.head_only, false);
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
  loop->feed_streams();
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
  end_streams();  // a stream never finishes by itself; ended, it is answered like any response
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
  const bool streamed = response.stream != nullptr && !head_only && response.status == 200 &&
                        guards.contains(evhttp_connection_get_bufferevent(evhttp_request_get_connection(req)));
  if (streamed && streams.size() >= options.max_streams) {
    stats.refused(Refusal::kTooManyStreams);
    response = Response{};
    respond(response, 503, "Too many event streams open; try again later.\n");
    send(req, response, head_only, close_after);
    return;
  }
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
  if (streamed) {
    start_stream(req, response);
    return;
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
  loop->inline_turn = event_new(loop->base, -1, 0, &Loop::on_inline_turn, loop.get());
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
  loop_->forget_streams();  // after a failed loop: evhttp_free frees their requests itself
  loop_->pool.stop();
  evhttp_free(loop_->http);  // closes every connection left
  event_free(loop_->wake);
  event_free(loop_->inline_turn);
  event_base_free(loop_->base);
  loop_.reset();
}

}  // namespace host_exporter::server
