#pragma once
// The source of a server-sent event stream (text/event-stream): a producer publishes one event at a
// time (the live page's sampler window), the HTTP server's loop sends the latest one to every stream
// that has not had it. The producer asks watched() first, so an event nobody listens to is never built.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace host_exporter::server {

class EventFeed {
 public:
  struct Event {
    std::uint64_t sequence = 0;                // 0: nothing published yet
    std::shared_ptr<const std::string> text;   // one complete event, ending with its blank line
  };

  // Producer side (any thread).
  bool watched() const { return listeners_.load(std::memory_order_relaxed) > 0; }
  void publish(std::string event);

  // Listener side: `wake` runs on the publisher's thread after each publish, under the feed's lock
  // (it must only wake, never call back into the feed).
  std::uint64_t listen(std::function<void()> wake);
  void unlisten(std::uint64_t id);
  Event latest() const;

 private:
  mutable std::mutex mutex_;
  Event latest_;
  std::map<std::uint64_t, std::function<void()>> wakes_;
  std::uint64_t next_id_ = 1;
  std::atomic<std::size_t> listeners_{0};
};

// Frames `data` (no newline inside: JSON) as one event: "event: <name>\ndata: <data>\n\n".
std::string sse_event(std::string_view name, std::string_view data);

}  // namespace host_exporter::server
