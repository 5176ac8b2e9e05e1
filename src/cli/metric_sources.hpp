#pragma once
// Everything one run of host_exporter collects from: the enabled built-in host
// collectors (behind HostScrape, which adds node_scrape_collector_*), the build
// info and the process_* self metrics. serve and snapshot build the same set.

#include <memory>

#include "cli/options.hpp"
#include "collectors/sampler.hpp"
#include "server/metrics_endpoint.hpp"

namespace host_exporter::cli {

// Creates the enabled collectors (registering their sampled sources with
// `sampler`) and adds every source to `endpoint`. Throws std::invalid_argument
// with a message naming the collector when a collector refuses its flags.
void add_metric_sources(const Options& options, collectors::Sampler& sampler, server::MetricsEndpoint& endpoint);

// add_metric_sources for a subcommand: false, with the error printed to stderr
// ("host_exporter: error: ..."), when a collector refuses its flags; the caller
// then exits with kUsageError.
bool add_metric_sources_or_report(const Options& options, collectors::Sampler& sampler,
                                  server::MetricsEndpoint& endpoint);

}  // namespace host_exporter::cli
