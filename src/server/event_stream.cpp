// Event streams (server-sent events) on the loop thread: a response started with evhttp's chunked
// reply and fed with the latest event of its feed each time the feed publishes. A stream holds a
// connection in the answering state, so it is never taken for idle (no idle deadline, not shed).
// It ends when the client leaves (evhttp hands the request back to us), when the client stops
// reading (its unsent backlog reaches kMaxBacklog), or when the server stops.

#include <event2/buffer.h>

#include <algorithm>

#include "log/log.hpp"
#include "server/http_loop.hpp"

namespace host_exporter::server {

namespace {

// Unsent bytes after which a stream's client counts as gone: a few dozen events of the live page.
constexpr std::size_t kMaxBacklog = 512u << 10;

std::size_t unsent(const Connection& connection) {
  bufferevent* socket = bufferevent_get_underlying(connection.transport);
  return evbuffer_get_length(bufferevent_get_output(connection.transport)) +
         (socket != nullptr ? evbuffer_get_length(bufferevent_get_output(socket)) : 0);
}

void send_chunk(evhttp_request* req, const std::string& text) {
  evbuffer* chunk = evbuffer_new();
  evbuffer_add(chunk, text.data(), text.size());
  evhttp_send_reply_chunk(req, chunk);
  evbuffer_free(chunk);
}

}  // namespace

void HttpServer::Loop::start_stream(evhttp_request* req, Response& response) {
  // send() made sure the connection is one of ours.
  const auto found = guards.find(evhttp_connection_get_bufferevent(evhttp_request_get_connection(req)));
  Connection& connection = *found->second->connection;
  // The stream is the connection's last response: no keep-alive after it.
  connection.close_when_sent = true;
  connection.streaming = true;
  evkeyvalq* headers = evhttp_request_get_output_headers(req);
  evhttp_add_header(headers, "Cache-Control", "no-cache");
  evhttp_add_header(headers, "X-Accel-Buffering", "no");  // a proxy in front must not hold events back
  evhttp_send_reply_start(req, 200, "OK");
  // evhttp keeps reading (to see the client leave) under its inactivity timeout, which would end a
  // stream whose client rightly sends nothing; with the write timeout alone, a stream idle between
  // two events was still closed (EventStream.OutlivesTheIdleAndReadTimeouts). A stream has neither:
  // a client that stops reading is caught by its backlog (kMaxBacklog), and the streams are capped.
  bufferevent_set_timeouts(connection.transport, nullptr, nullptr);
  if (!response.body.empty()) send_chunk(req, response.body);
  Stream stream{req, &connection, std::move(response.stream)};
  stream.sent = stream.feed->latest().sequence;
  stream.listener = stream.feed->listen([this] { waker.notify(); });
  streams.push_back(std::move(stream));
}

void HttpServer::Loop::feed_streams() {
  for (std::size_t i = 0; i < streams.size();) {
    Stream& stream = streams[i];
    if (evhttp_request_get_connection(stream.request) == nullptr) {  // gone; connection_gone() ends it
      ++i;
      continue;
    }
    const EventFeed::Event latest = stream.feed->latest();
    if (latest.sequence == stream.sent || !latest.text) {
      ++i;
      continue;
    }
    if (unsent(*stream.connection) > kMaxBacklog) {
      log::warn("event stream closed: the client does not read");
      Connection& connection = *stream.connection;
      close(connection);  // evhttp hands the request back; connection_gone() ends the stream
      ++i;
      continue;
    }
    stream.sent = latest.sequence;
    send_chunk(stream.request, *latest.text);
    ++i;
  }
}

void HttpServer::Loop::end_streams() {
  std::vector<evhttp_request*> requests;
  for (const Stream& stream : streams) requests.push_back(stream.request);
  forget_streams();
  // With its connection gone evhttp frees the request here; otherwise it sends the last chunk and
  // completes the response (on_answered then closes the connection).
  for (evhttp_request* request : requests) evhttp_send_reply_end(request);
}

void HttpServer::Loop::forget_streams() {
  for (Stream& stream : streams) {
    stream.feed->unlisten(stream.listener);
    stream.connection->streaming = false;
  }
  streams.clear();
}

void HttpServer::Loop::connection_gone(Connection& connection) {
  if (!connection.streaming) return;
  connection.streaming = false;
  const auto found = std::find_if(streams.begin(), streams.end(),
                                  [&](const Stream& stream) { return stream.connection == &connection; });
  if (found == streams.end()) return;
  found->feed->unlisten(found->listener);
  // The connection failed (client gone, timeout, or closed by us): evhttp detached the request from
  // it and left it to us; ending it frees it.
  evhttp_send_reply_end(found->request);
  streams.erase(found);
}

}  // namespace host_exporter::server
