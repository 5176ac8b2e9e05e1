#pragma once
// The connections one HttpServer holds open, oldest first, and what each is doing.
// The event loop owns it (no locking). When the cap is reached, a new connection
// takes the place of the oldest one that is not being answered (idle between
// requests, or still sending its request), so a crowd of idle or slow clients
// cannot keep Prometheus out; only when every connection is being answered is the
// new one refused.

#include <cstddef>
#include <cstdint>
#include <list>
#include <string_view>

#include "server/head_scanner.hpp"

struct bufferevent;
struct event;

namespace host_exporter::server {

enum class ConnectionState {
  kWaiting,      // for the first byte of a request
  kReadingHead,  // the head is arriving; held back from the HTTP library until complete
  kReadingBody,  // the head went through; the library reads the body
  kAnswering,    // a handler runs or the response is being written
};

struct Connection {
  explicit Connection(HeadLimits limits) : head(limits) {}

  ConnectionState state = ConnectionState::kWaiting;
  HeadScanner head;
  std::size_t scanned = 0;       // held bytes of the head already given to `head`
  std::size_t body_bytes = 0;    // passed on after the head, until the next head
  bool refused = false;          // answered by the guard; what the client sends next is dropped
  bool chunked = false;          // the head asked for a chunked body: its bytes on the wire are counted
  bool nodelay = false;          // TCP_NODELAY is set
  bool closing = false;          // a close was asked for (shed, deadline)
  bufferevent* transport = nullptr;  // what evhttp reads and writes (our filter)
  event* deadline = nullptr;     // idle or head deadline, whichever applies
  event* resume = nullptr;       // feeds bytes held during an answer to the filter
  event* flush = nullptr;        // passes what evhttp wrote on to the socket
  bool close_when_sent = false;  // close once the socket has taken the last byte of the response
  bool http10 = false;           // the last head said HTTP/1.0
  bool streaming = false;        // answering with an event stream (never idle, never shed)
  std::list<Connection>::iterator self;
};

class ConnectionTable {
 public:
  ConnectionTable(std::size_t max_connections, HeadLimits limits) : max_(max_connections), limits_(limits) {}

  Connection& open();
  void close(Connection& connection);

  std::size_t size() const { return open_.size(); }
  bool over_capacity() const { return max_ > 0 && open_.size() > max_; }
  // The oldest connection not being answered nor already closing, other than `newest`; null if none.
  Connection* oldest_to_shed(const Connection& newest);

  template <typename F>
  void for_each(F&& f) {
    for (auto& connection : open_) f(connection);
  }

 private:
  std::size_t max_;
  HeadLimits limits_;
  std::list<Connection> open_;  // oldest first; list: a Connection never moves
};

}  // namespace host_exporter::server
