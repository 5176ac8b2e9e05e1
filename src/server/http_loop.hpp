#pragma once
// The inside of HttpServer, shared by its two halves: connection_guard.cpp (each connection's life
// between the socket and evhttp: limits, deadlines, the cap) and http_server.cpp (requests handed
// to the workers and answered, start and stop). Only those two files include it.

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/connection_table.hpp"
#include "server/event_feed.hpp"
#include "server/http_server.hpp"
#include "server/inline_budget.hpp"
#include "server/loop_waker.hpp"
#include "server/worker_pool.hpp"

namespace host_exporter::server {

inline timeval to_timeval(std::chrono::milliseconds duration) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
  return {static_cast<time_t>(seconds.count()),
          static_cast<suseconds_t>(std::chrono::duration_cast<std::chrono::microseconds>(duration - seconds).count())};
}

struct HttpServer::Loop {
  // What evhttp's callbacks get: the loop and the connection they concern.
  struct Guard {
    Loop* loop;
    Connection* connection;
  };
  // A response that goes on (server-sent events): evhttp's request stays ours until ended.
  struct Stream {
    evhttp_request* request;
    Connection* connection;
    std::shared_ptr<EventFeed> feed;
    std::uint64_t sent = 0;       // the feed's last sequence sent
    std::uint64_t listener = 0;
  };
  struct Completion {
    evhttp_request* request;
    Response response;
    bool head_only;
  };
  // A request the loop answers itself, on its next callback, as a worker's answer arrives: a
  // reply sent from inside evhttp's read callback lost a connection's first response (tried).
  struct InlineRequest {
    evhttp_request* request;
    const Route* route;
    Request copy;
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
  std::vector<Stream> streams;  // loop thread only
  std::size_t in_flight = 0;  // loop thread only: requests handed to a worker or queued inline, not yet answered
  InlineBudget inline_budget;  // loop thread only
  std::vector<InlineRequest> inline_queue;  // loop thread only
  std::vector<InlineRequest> inline_ready;  // loop thread only: the queue being answered (capacity kept)
  event* inline_turn = nullptr;             // answers inline_queue
  std::chrono::steady_clock::time_point stop_deadline;

  // --- connection life ---
  static bufferevent* open_connection(event_base* base, void* arg);
  static void close_connection_context(void* arg);
  static bufferevent_filter_result guard_input(evbuffer* src, evbuffer* dst, ev_ssize_t, bufferevent_flush_mode,
                                               void* arg);
  static void on_output_added(evbuffer*, const evbuffer_cb_info* info, void* arg);
  static void on_output_sent(evbuffer* sent, const evbuffer_cb_info* info, void* arg);
  static void on_flush(evutil_socket_t, short, void* arg);
  static void write_now(bufferevent* socket);
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
  const Route* inline_route(const Request& request) const;
  static void on_inline_turn(evutil_socket_t, short, void* arg);
  void answer_inline(InlineRequest& pending);
  static void on_wake(evutil_socket_t, short, void* arg);
  void send(evhttp_request* req, Response& response, bool head_only, bool close_after);
  void finish_if_stopping();

  // --- event streams (event_stream.cpp) ---
  void start_stream(evhttp_request* req, Response& response);
  void feed_streams();
  void end_streams();
  void forget_streams();
  void connection_gone(Connection& connection);
};

}  // namespace host_exporter::server
