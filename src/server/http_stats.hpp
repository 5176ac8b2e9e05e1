#pragma once
// The server's own counters, served on /metrics: how many connections are open,
// and every request or connection it refused, by reason, so that an attack or a
// misconfigured client shows on a dashboard rather than only in a log.

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>
#include <vector>

#include "exposition/sink.hpp"

namespace host_exporter::server {

enum class Refusal {
  kMaxConnections,  // no room even after shedding: the new connection is closed
  kHeadTooLarge,    // 431: a request or header line, the header count or the whole head over its limit
  kHeadTimeout,     // the head did not arrive within --web.read-timeout: closed
  kBodyTooLarge,    // 413: a body (declared, chunked, or gzip-inflated) over --push.max-bytes
  kQueueFull,       // 503: every worker busy and the queue full
  kUnauthorized,    // 401: basic auth failed
  kTooManyStreams,  // 503: HttpServerOptions::max_streams event streams already open
  kCount,
};

std::string_view to_string(Refusal reason);

// Where a request's handler ran: on the event loop (InlineBudget) or on a worker.
enum class HandledOn { kLoop, kWorker, kCount };

class HttpStats final : public exposition::SinkSource {
 public:
  void refused(Refusal reason) { refused_[static_cast<std::size_t>(reason)].fetch_add(1, std::memory_order_relaxed); }
  void shed() { shed_.fetch_add(1, std::memory_order_relaxed); }
  void opened() { accepted_.fetch_add(1, std::memory_order_relaxed); open_.fetch_add(1, std::memory_order_relaxed); }
  void closed() { open_.fetch_sub(1, std::memory_order_relaxed); }
  void handled(HandledOn where) { handled_[static_cast<std::size_t>(where)].fetch_add(1, std::memory_order_relaxed); }

  std::uint64_t refusals(Refusal reason) const { return refused_[static_cast<std::size_t>(reason)].load(); }
  std::uint64_t shed_count() const { return shed_.load(); }
  std::int64_t open_count() const { return open_.load(); }
  std::uint64_t handled_count(HandledOn where) const { return handled_[static_cast<std::size_t>(where)].load(); }

  void fill(exposition::Sink& sink) override;
  bool reads_cannot_hang() const override { return true; }  // counters

 private:
  std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(Refusal::kCount)> refused_{};
  std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(HandledOn::kCount)> handled_{};
  std::atomic<std::uint64_t> shed_{0}, accepted_{0};
  std::atomic<std::int64_t> open_{0};
};

}  // namespace host_exporter::server
