#pragma once
// Agent mode: every --remote-write.interval, gathers what /metrics would serve (the same
// sources, through the caller's gather function), stamps the samples with the gather's time,
// encodes them once and appends the batch to each destination's on-disk queue; each
// destination's sender drains its queue to its receiver (sender.hpp).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "host_exporter/collector.hpp"
#include "remote_write/agent_options.hpp"
#include "remote_write/destination.hpp"
#include "remote_write/family_selection.hpp"
#include "remote_write/write_request.hpp"

namespace host_exporter::remote_write {

using Gather = std::function<void(std::vector<MetricFamily>&)>;

class Agent {
 public:
  // Opens every destination's queue (kept batches are sent first) and reads the client config.
  // Throws std::runtime_error saying what cannot be used (config file, queue directory, regex).
  // `hostname` is the default instance label.
  Agent(const AgentOptions& options, Gather gather, const std::string& hostname);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // The self-metrics, for /metrics.
  std::shared_ptr<Collector> metrics() const { return metrics_; }

  void start();  // gathers at once, then every interval
  void stop();   // the last gather stays queued on disk for the next start

  // One gather into every queue (the thread's step; tests call it directly).
  void gather_once();

 private:
  void run();

  Gather gather_;
  std::chrono::milliseconds interval_;
  FamilySelection selection_;
  BatchSettings settings_;
  std::vector<std::shared_ptr<Destination>> destinations_;
  std::shared_ptr<Collector> metrics_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The host's name for the default instance label ("localhost" when it has none).
std::string host_name();

}  // namespace host_exporter::remote_write
