#pragma once
// What the --remote-write.* flags configure (src/cli/options.cpp parses them).
// Agent mode is on when at least one URL is given.

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace host_exporter::remote_write {

struct AgentOptions {
  std::vector<std::string> urls;                                  // --remote-write.url (repeatable)
  std::chrono::milliseconds interval{15'000};                     // --remote-write.interval
  std::vector<std::pair<std::string, std::string>> labels;        // --remote-write.label name=value
  std::string queue_dir;                                          // --remote-write.queue-dir
  std::uint64_t queue_max_bytes = 256ull << 20;                   // --remote-write.queue-max-bytes
  std::string config_file;                                        // --remote-write.config.file
  std::string include;                                            // --remote-write.include: family name regex
  std::string exclude;                                            // --remote-write.exclude: family name regex
  std::chrono::milliseconds send_timeout{30'000};                 // one POST, connect to answer

  bool enabled() const { return !urls.empty(); }
};

}  // namespace host_exporter::remote_write
