#include "remote_write/agent.hpp"

#include <unistd.h>

#include <algorithm>
#include <climits>

#include "log/log.hpp"
#include "remote_write/client_config.hpp"
#include "remote_write/remote_write_metrics.hpp"

namespace host_exporter::remote_write {

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

LabelPairs external_labels(const AgentOptions& options, const std::string& hostname) {
  LabelPairs labels = options.labels;
  const bool has_instance =
      std::any_of(labels.begin(), labels.end(), [](const auto& label) { return label.first == "instance"; });
  if (!has_instance) labels.emplace_back("instance", hostname);
  return labels;
}

}  // namespace

std::string host_name() {
  char name[256] = {};  // POSIX host names are at most 255 bytes (HOST_NAME_MAX is glibc's, not macOS's)
  if (::gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

std::string queue_directory_name(const std::string& url) {
  std::string readable;
  for (const char c : url.substr(0, 80)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
    if (keep) {
      readable += c;
    } else if (!readable.empty() && readable.back() != '_') {
      readable += '_';
    }
  }
  // FNV-1a of the whole URL: two URLs that read alike still get their own queues.
  std::uint32_t hash = 2166136261u;
  for (const char c : url) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string suffix;
  for (int shift = 28; shift >= 0; shift -= 4) suffix += kHex[(hash >> shift) & 15u];
  return readable + "-" + suffix;
}

Agent::Agent(const AgentOptions& options, Gather gather, const std::string& hostname)
    : gather_(std::move(gather)), interval_(options.interval), selection_(options.include, options.exclude) {
  settings_.selection = &selection_;
  settings_.external_labels = external_labels(options, hostname);
  ClientConfig client;
  try {
    client = load_client_config(options.config_file);
  } catch (const ClientConfigError& e) {
    throw std::runtime_error("--remote-write.config.file: " + std::string(e.what()));
  }
  std::vector<std::shared_ptr<const Destination>> visible;
  for (const std::string& url : options.urls) {
    auto destination = std::make_shared<Destination>();
    destination->url = url;
    destination->queue =
        std::make_unique<WriteAheadQueue>(options.queue_dir + "/" + queue_directory_name(url), options.queue_max_bytes);
    SenderSettings sender{url, client, options.send_timeout, {}, {}};
    sender.min_backoff = std::chrono::milliseconds(250);
    sender.max_backoff = std::chrono::milliseconds(5'000);
    destination->sender = std::make_unique<Sender>(std::move(sender), *destination->queue, destination->stats);
    log::info("remote write destination",
              {{"url", url},
               {"queue_dir", destination->queue->directory()},
               {"queued_batches", std::to_string(destination->queue->batches())}});
    visible.push_back(destination);
    destinations_.push_back(std::move(destination));
  }
  metrics_ = std::make_shared<RemoteWriteMetrics>(std::move(visible));
}

Agent::~Agent() { stop(); }

void Agent::gather_once() {
  const std::int64_t timestamp = now_ms();  // the samples' time: when they were read
  std::vector<MetricFamily> families;
  gather_(families);
  const EncodedBatch encoded = encode_batch(families, settings_, timestamp);
  const BatchFile batch{encoded.samples, encoded.body};
  for (const auto& destination : destinations_) {
    std::string error;
    if (destination->queue->append(batch, error)) {
      destination->stats.samples_in.fetch_add(batch.samples, std::memory_order_relaxed);
      if (destination->append_failing) log::info("remote write queue accepts batches again", {{"url", destination->url}});
      destination->append_failing = false;
      destination->sender->notify();
    } else {
      if (!destination->append_failing) {
        log::warn("remote write batch dropped: the queue cannot store it",
                  {{"url", destination->url}, {"err", error}, {"samples", std::to_string(batch.samples)}});
      }
      destination->append_failing = true;
    }
  }
}

void Agent::run() {
  auto next = std::chrono::steady_clock::now();
  for (;;) {
    gather_once();
    next += interval_;
    const auto now = std::chrono::steady_clock::now();
    if (next < now) next = now + interval_;  // a gather that overran: skip, do not catch up in a burst
    std::unique_lock lock(mutex_);
    if (wake_.wait_until(lock, next, [this] { return stopping_; })) return;
  }
}

void Agent::start() {
  for (const auto& destination : destinations_) destination->sender->start();
  thread_ = std::thread([this] { run(); });
}

void Agent::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (const auto& destination : destinations_) destination->sender->stop();
}

}  // namespace host_exporter::remote_write
