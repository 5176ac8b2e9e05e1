#pragma once
// `host_exporter verify --prometheus URL [--job host] [--format=table|json]`:
// asks a running Prometheus what it stores and compares it with what this host
// reads at the same moment, with the same collectors as serve:
//  - job <job>'s host_memory_*/host_swap_* within 1 % of their total, the CPU
//    ratio within 2 points over the very windows Prometheus stored, and
//    node_filesystem_size_bytes equal per mountpoint;
//  - every target exporting node_* or host_* whose memory total, CPU count or
//    kernel release differs from this host's is named as measuring another machine;
//  - targets down, stale targets, and rag_* metrics present here (textfile
//    directory, push groups of the exporter at --web.listen-address) but absent
//    from Prometheus.
// Exit 0 when consistent, 1 when not or when Prometheus cannot be reached.

#include <string>

#include "cli/options.hpp"
#include "cli/verify_checks.hpp"

namespace host_exporter::cli {

// What the report's header says about the run.
struct VerifyContext {
  std::string prometheus_url;
  std::string job;
  double recorded_seconds = 0;
  MachineFacts this_host;
};

std::string render_verify_table(const VerifyReport& report, const VerifyContext& context);
std::string render_verify_json(const VerifyReport& report, const VerifyContext& context);

int run_verify(const Options& options);

}  // namespace host_exporter::cli
