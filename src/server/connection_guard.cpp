// Each connection's life between the socket and evhttp (docs/http.md): a filter bufferevent that
// holds request heads back until they are complete and within the limits, answers refusals itself,
// passes responses on, and the connection's deadlines and its place in the cap.

#include <event2/bufferevent_ssl.h>

#include <string>

#include "log/log.hpp"
#include "server/http_loop.hpp"
#include "server/request_dispatch.hpp"

namespace host_exporter::server {

namespace {

// libevent writes at most 16 KiB a loop turn by default; a scrape's page is larger.
constexpr ev_ssize_t kMaxSingleWrite = 1 << 20;

// The request line of a head, without its line ending (leading empty lines skipped).
std::string_view first_line(std::string_view head) {
  while (head.starts_with("\r\n") || head.starts_with("\n")) head.remove_prefix(head.front() == '\r' ? 2 : 1);
  std::string_view line = head.substr(0, head.find('\n'));
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}


}  // namespace

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
  loop.connection_gone(connection);
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
  bufferevent* socket = bufferevent_get_underlying(connection.transport);
  bufferevent_write(socket, answer.data(), answer.size());
  if (!tls) write_now(socket);
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
  auto* guard = static_cast<Guard*>(arg);
  bufferevent* filtered = guard->connection->transport;
  bufferevent_flush(filtered, EV_WRITE, BEV_FLUSH);
  if (!guard->loop->tls) write_now(bufferevent_get_underlying(filtered));
}

// libevent's socket bufferevent writes only once epoll says the socket is writable: a loop turn and
// two epoll_ctl a response. A plain socket is written at once instead, and its write event stays
// off while nothing waits; whatever the socket did not take (or an error) goes libevent's way with
// the write event on. Every byte that reaches the socket's buffer passes here right after
// (on_flush, refuse). A TLS socket's bytes are OpenSSL's: libevent writes those.
void HttpServer::Loop::write_now(bufferevent* socket) {
  evbuffer* output = bufferevent_get_output(socket);
  if (evbuffer_get_length(output) == 0) return;
  if (evbuffer_write(output, bufferevent_getfd(socket)) >= 0 && evbuffer_get_length(output) == 0) {
    bufferevent_disable(socket, EV_WRITE);
  } else {
    bufferevent_enable(socket, EV_WRITE);
  }
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


}  // namespace host_exporter::server
