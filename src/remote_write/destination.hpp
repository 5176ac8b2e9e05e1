#pragma once
// One --remote-write.url: its queue directory, its counters and its sender.

#include <memory>
#include <string>

#include "remote_write/destination_stats.hpp"
#include "remote_write/sender.hpp"
#include "remote_write/write_ahead_queue.hpp"

namespace host_exporter::remote_write {

struct Destination {
  std::string url;
  DestinationStats stats;
  std::unique_ptr<WriteAheadQueue> queue;
  std::unique_ptr<Sender> sender;
  bool append_failing = false;  // the gatherer logs a streak of refused appends once
};

// The queue directory of `url` under --remote-write.queue-dir: readable, and distinct per URL
// ("http_127.0.0.1_8428_api_v1_write-1a2b3c4d").
std::string queue_directory_name(const std::string& url);

}  // namespace host_exporter::remote_write
