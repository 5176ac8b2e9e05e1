#pragma once
// The command line: node_exporter-style flags parsed into one Options value.
// Parsing never exits the process: it returns what to print and the exit code,
// so main stays tiny and tests can parse argument vectors.

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collectors/builtin.hpp"
#include "ingest/push_options.hpp"
#include "log/log.hpp"
#include "platform/roots.hpp"
#include "remote_write/agent_options.hpp"
#include "server/listen_address.hpp"

namespace host_exporter::cli {

enum class Command { kServe, kSnapshot, kDoctor, kVerify, kPush };
enum class SnapshotFormat { kSummary, kPrometheus, kOpenMetrics };

struct Options {
  Command command = Command::kServe;

  std::vector<server::ListenAddress> listen_addresses;  // default 127.0.0.1:9101
  std::string telemetry_path = "/metrics";
  std::size_t max_requests = 40;
  std::size_t max_connections = 512;
  std::string web_config_file;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::seconds idle_timeout{5};

  platform::Roots roots;
  // Every built-in collector by name: enabled or not, and its flag values.
  std::map<std::string, bool> collector_enabled;
  std::map<std::string, collectors::CollectorConfig> collector_config;

  std::chrono::milliseconds sampler_interval{2'000};
  log::Level log_level = log::Level::kInfo;
  log::Format log_format = log::Format::kLogfmt;

  ingest::PushStoreOptions push;  // --push.* (src/cli/push_flags.cpp)
  remote_write::AgentOptions remote_write;  // --remote-write.* (src/remote_write/agent_flags.cpp)

  SnapshotFormat snapshot_format = SnapshotFormat::kSummary;
  bool snapshot_processes = false;  // snapshot --processes: btop-like top list (src/cli/process_list.cpp)
  bool snapshot_no_color = false;   // snapshot --no-color (colours are only ever used on a terminal)
  bool doctor_json = false;         // doctor --format=json

  std::string verify_prometheus;               // verify --prometheus URL (src/cli/verify.cpp)
  std::string verify_job = "host";             // verify --job
  bool verify_json = false;                    // verify --format=json
  std::chrono::milliseconds verify_window{0};  // verify --window; 0: three scrape intervals of the job

  // push list | push delete JOB [LABEL=VALUE ...] (src/cli/push_command.cpp)
  bool push_delete = false;
  std::string push_url = "http://127.0.0.1:9101";
  std::string push_job;
  std::vector<std::pair<std::string, std::string>> push_labels;
};

struct ParseResult {
  std::optional<Options> options;  // set when the program should run
  int exit_code = 0;               // otherwise: 0 after --help/--version, 2 for a usage error
  std::string out;                 // text for stdout (help, version)
  std::string err;                 // text for stderr (the error, one line, and a hint)
};

inline constexpr int kUsageError = 2;

// `args` excludes the program name. `table` is the built-in collector table
// (collectors::builtin_collectors() in the program; a small fake one in tests).
ParseResult parse_options(const std::vector<std::string>& args,
                          const std::vector<collectors::CollectorDefinition>& table);

}  // namespace host_exporter::cli
