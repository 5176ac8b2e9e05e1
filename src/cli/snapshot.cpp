#include "cli/snapshot.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli/metric_sources.hpp"
#include "cli/process_list.hpp"
#include "cli/snapshot_summary.hpp"
#include "collectors/sampler.hpp"
#include "exposition/format.hpp"

namespace host_exporter::cli {

namespace {

// Colours only for a person at a terminal: not with --no-color, nor with NO_COLOR set
// to anything (no-color.org), nor when stdout is a pipe or a file.
bool use_color(const Options& options) {
  const char* no_color = std::getenv("NO_COLOR");
  return !options.snapshot_no_color && (no_color == nullptr || *no_color == '\0') && ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace

int run_snapshot(const Options& options) {
  if (options.snapshot_processes) return run_process_list(options);
  collectors::Sampler sampler(options.sampler_interval);
  server::MetricsEndpoint endpoint;
  if (!add_metric_sources_or_report(options, sampler, endpoint)) return kUsageError;
  // Rates and utilisation need two samples one window apart.
  sampler.sample_now();
  std::this_thread::sleep_for(options.sampler_interval);
  sampler.sample_now();

  std::vector<MetricFamily> families;
  endpoint.gather(families);
  std::string out;
  switch (options.snapshot_format) {
    case SnapshotFormat::kPrometheus: exposition::encode(families, exposition::Format::kText004, out); break;
    case SnapshotFormat::kOpenMetrics: exposition::encode(families, exposition::Format::kOpenMetrics100, out); break;
    case SnapshotFormat::kSummary: out = render_snapshot_summary(families, {.color = use_color(options)}); break;
  }
  std::cout << out << std::flush;
  return std::cout ? 0 : 1;
}

}  // namespace host_exporter::cli
