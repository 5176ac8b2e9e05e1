#include "remote_write/sender.hpp"

#include <charconv>

#include <build_info.hpp>  // the generated one

#include "http_client/http_client.hpp"
#include "log/log.hpp"

namespace host_exporter::remote_write {

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Retry-After in seconds (the HTTP-date form is not used by receivers we know); 0 when absent.
std::chrono::milliseconds retry_after_of(const http::ClientResponse& response) {
  const std::string_view text = response.header("Retry-After");
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || seconds < 0) return {};
  return std::chrono::seconds(seconds);
}

// A receiver's reason, short enough for a log line.
std::string excerpt(const std::string& body) {
  std::string text = body.substr(0, 300);
  for (char& c : text) c = (c == '\n' || c == '\r') ? ' ' : c;
  return text;
}

}  // namespace

SendOutcome classify_status(int status) {
  if (status >= 200 && status < 300) return SendOutcome::kSent;
  if (status == 429 || status >= 500) return SendOutcome::kRetry;
  if (status >= 400) return SendOutcome::kDrop;
  return SendOutcome::kRetry;  // 1xx or 3xx: not an answer to act on; the batch stays
}

Sender::Sender(SenderSettings settings, WriteAheadQueue& queue, DestinationStats& stats)
    : settings_(std::move(settings)),
      queue_(queue),
      stats_(stats),
      backoff_(settings_.min_backoff, settings_.max_backoff) {}

Sender::~Sender() { stop(); }

void Sender::start() { thread_ = std::thread([this] { run(); }); }

void Sender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sender::notify() {
  {
    std::lock_guard lock(mutex_);
    work_ = true;
  }
  wake_.notify_all();
}

SendOutcome Sender::attempt(const QueuedBatch& queued, std::chrono::milliseconds& retry_after) {
  http::ClientRequest request;
  request.method = "POST";
  request.url = settings_.url;
  request.timeout = settings_.timeout;
  request.max_response_bytes = 1u << 20;
  request.tls = settings_.client.tls;
  request.headers = {{"Content-Type", "application/x-protobuf"},
                     {"Content-Encoding", "snappy"},
                     {"X-Prometheus-Remote-Write-Version", "0.1.0"},
                     {"User-Agent", std::string("host_exporter/") + build::kVersion}};
  request.headers.insert(request.headers.end(), settings_.client.headers.begin(), settings_.client.headers.end());
  request.body = queued.batch.body;

  const auto start = std::chrono::steady_clock::now();
  http::ClientResponse response;
  try {
    response = http::fetch(request);
  } catch (const http::ClientError& e) {
    if (!failing_) log::warn("remote write failed; retrying", {{"url", settings_.url}, {"err", e.what()}});
    failing_ = true;
    return SendOutcome::kRetry;
  }
  stats_.observe_send(std::chrono::steady_clock::now() - start);
  const SendOutcome outcome = classify_status(response.status);
  if (outcome == SendOutcome::kRetry) {
    retry_after = retry_after_of(response);
    if (!failing_) {
      log::warn("remote write refused for now; retrying",
                {{"url", settings_.url}, {"status", std::to_string(response.status)}, {"body", excerpt(response.body)}});
    }
    failing_ = true;
  } else if (outcome == SendOutcome::kDrop) {
    log::error("remote write rejected a batch; it is dropped",
               {{"url", settings_.url},
                {"status", std::to_string(response.status)},
                {"samples", std::to_string(queued.batch.samples)},
                {"body", excerpt(response.body)}});
  }
  return outcome;
}

std::optional<SendOutcome> Sender::send_oldest() {
  const auto queued = queue_.oldest();
  if (!queued) return std::nullopt;
  std::chrono::milliseconds retry_after{0};
  const SendOutcome outcome = attempt(*queued, retry_after);
  switch (outcome) {
    case SendOutcome::kSent:
      queue_.remove(queued->sequence);
      stats_.samples_sent.fetch_add(queued->batch.samples, std::memory_order_relaxed);
      stats_.bytes_sent.fetch_add(queued->batch.body.size(), std::memory_order_relaxed);
      stats_.last_send_ms.store(now_ms(), std::memory_order_relaxed);
      if (failing_) log::info("remote write works again", {{"url", settings_.url}});
      failing_ = false;
      backoff_.reset();
      break;
    case SendOutcome::kDrop:
      queue_.remove(queued->sequence);
      stats_.samples_failed.fetch_add(queued->batch.samples, std::memory_order_relaxed);
      backoff_.reset();
      break;
    case SendOutcome::kRetry: {
      stats_.samples_retried.fetch_add(queued->batch.samples, std::memory_order_relaxed);
      const auto wait = std::max(backoff_.next(), std::min(retry_after, settings_.max_backoff));
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, wait, [this] { return stopping_; });
      break;
    }
  }
  return outcome;
}

void Sender::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stopping_) return;
      work_ = false;
    }
    if (send_oldest()) continue;
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || work_; });
  }
}

}  // namespace host_exporter::remote_write
