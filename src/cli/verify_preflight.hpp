#pragma once
// Whether `verify` has anything to compare, decided from Prometheus' targets before
// it measures this host for a whole window: a job Prometheus does not scrape, or
// whose every target is down, stops it at once with the reason.

#include <optional>
#include <string>
#include <vector>

#include "cli/prometheus_api.hpp"

namespace host_exporter::cli {

// The reason verify cannot run for `job`, or nullopt when at least one of its targets is
// up (or not scraped yet).
std::optional<std::string> reason_verify_cannot_run(const std::vector<ScrapeTarget>& targets, const std::string& job);

// "job host: 1 target, up" and the like, for the progress line.
std::string describe_job_targets(const std::vector<ScrapeTarget>& targets, const std::string& job);

}  // namespace host_exporter::cli
