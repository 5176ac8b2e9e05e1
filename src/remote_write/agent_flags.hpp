#pragma once
// The --remote-write.* flags: registered on the command line as text, then checked
// and turned into AgentOptions once CLI11 is done (apply throws std::invalid_argument
// with the flag's name and what is wrong).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "remote_write/agent_options.hpp"

namespace host_exporter::remote_write {

struct AgentFlagText {
  std::vector<std::string> urls, labels;
  std::string interval = "15s", timeout = "10s", queue_max_bytes = "256MiB";
  std::string queue_dir, config_file, include, exclude;
};

void add_agent_flags(CLI::App& app, AgentFlagText& text);

// `default_queue_dir`: where the queue goes without --remote-write.queue-dir ("" when there is no default).
AgentOptions apply_agent_flags(const AgentFlagText& text, const std::string& default_queue_dir);

// "268435456", "256MiB", "1GiB", "500MB", "64KiB": bytes. nullopt for anything else.
std::optional<std::uint64_t> parse_byte_size(const std::string& text);

}  // namespace host_exporter::remote_write
