#pragma once
// The --push.* flags on the command line. Durations arrive as text and are
// converted by the caller, with the program's one Go-style duration parser.

#include <string>

#include <CLI/CLI.hpp>

#include "ingest/push_options.hpp"

namespace host_exporter::cli {

struct PushDurationFlags {
  std::string ttl = "0s";                   // --push.ttl
  std::string persistence_interval = "5m";  // --push.persistence-interval
};

// Registers --push.max-bytes, --push.max-series-per-group, --push.max-groups,
// --push.persistence-file (written into `options`) and --push.ttl,
// --push.persistence-interval (written into `durations`), in the group "Push API".
void add_push_flags(CLI::App& app, ingest::PushStoreOptions& options, PushDurationFlags& durations);

}  // namespace host_exporter::cli
