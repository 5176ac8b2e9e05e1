#pragma once
// Sends one destination's queue, oldest batch first, one request at a time, on a thread
// of its own. What an answer means for the batch (the protocol's rules, and Prometheus'):
//   2xx          sent: removed from the queue
//   429, 5xx     the receiver is overloaded or down: tried again after a backoff
//   other 4xx    the receiver will never take it (bad data, too old): dropped, counted, logged
//   no answer    (refused, reset, timeout, DNS) tried again after a backoff
// The batch stays on disk until one of the first or third happens.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "remote_write/backoff.hpp"
#include "remote_write/client_config.hpp"
#include "remote_write/destination_stats.hpp"
#include "remote_write/write_ahead_queue.hpp"

namespace host_exporter::remote_write {

enum class SendOutcome { kSent, kRetry, kDrop };

// What a response status means for its batch.
SendOutcome classify_status(int status);

struct SenderSettings {
  std::string url;
  ClientConfig client;
  std::chrono::milliseconds timeout{10'000};
  std::chrono::milliseconds min_backoff{250};
  std::chrono::milliseconds max_backoff{5'000};
};

class Sender {
 public:
  Sender(SenderSettings settings, WriteAheadQueue& queue, DestinationStats& stats);
  ~Sender();
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  void start();
  // Waits for the request in flight (bounded by the timeout); what is queued stays on disk.
  void stop();
  // A batch was appended: wakes a sender that waits for work (a backoff in progress runs to its end).
  void notify();

  // Sends the oldest batch once (the thread's step, callable directly in tests).
  // nullopt when the queue is empty.
  std::optional<SendOutcome> send_oldest();

 private:
  void run();
  SendOutcome attempt(const QueuedBatch& queued, std::chrono::milliseconds& retry_after);

  SenderSettings settings_;
  WriteAheadQueue& queue_;
  DestinationStats& stats_;
  Backoff backoff_;
  bool failing_ = false;  // logs a failure streak once, and its end

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool work_ = false;
  std::thread thread_;
};

}  // namespace host_exporter::remote_write
