#include "server/event_feed.hpp"

namespace host_exporter::server {

void EventFeed::publish(std::string event) {
  auto text = std::make_shared<const std::string>(std::move(event));
  // Woken under the lock: once unlisten() returns, its wake is never called again (the loop may be gone).
  std::lock_guard lock(mutex_);
  latest_.sequence += 1;
  latest_.text = std::move(text);
  for (const auto& [id, wake] : wakes_) wake();
}

std::uint64_t EventFeed::listen(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  wakes_.emplace(id, std::move(wake));
  listeners_.store(wakes_.size(), std::memory_order_relaxed);
  return id;
}

void EventFeed::unlisten(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  wakes_.erase(id);
  listeners_.store(wakes_.size(), std::memory_order_relaxed);
}

EventFeed::Event EventFeed::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

std::string sse_event(std::string_view name, std::string_view data) {
  std::string event;
  event.reserve(name.size() + data.size() + 16);
  event += "event: ";
  event += name;
  event += "\ndata: ";
  event += data;
  event += "\n\n";
  return event;
}

}  // namespace host_exporter::server
