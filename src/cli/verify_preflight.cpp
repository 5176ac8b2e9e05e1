#include "cli/verify_preflight.hpp"

#include <set>

namespace host_exporter::cli {

std::optional<std::string> reason_verify_cannot_run(const std::vector<ScrapeTarget>& targets,
                                                    const std::string& job) {
  std::set<std::string> jobs;
  std::vector<const ScrapeTarget*> of_job;
  for (const auto& target : targets) {
    jobs.insert(target.job);
    if (target.job == job) of_job.push_back(&target);
  }
  if (of_job.empty()) {
    std::string known;
    for (const auto& name : jobs) known += (known.empty() ? "" : ", ") + name;
    return "Prometheus has no target in job \"" + job + "\" (its jobs: " + (known.empty() ? "none" : known) +
           "): add host_exporter to its scrape_configs, or name the job with --job";
  }
  std::string errors;
  for (const auto* target : of_job) {
    if (target->health != "down") return std::nullopt;
    errors += "; " + target->instance + ": " + (target->last_error.empty() ? "down" : target->last_error);
  }
  return "every target of job \"" + job + "\" is down" + errors +
         ". Start host_exporter (scripts/start_host_exporter.sh start) or fix the target's address";
}

std::string describe_job_targets(const std::vector<ScrapeTarget>& targets, const std::string& job) {
  int total = 0;
  int up = 0;
  for (const auto& target : targets) {
    if (target.job != job) continue;
    ++total;
    up += target.health == "up";
  }
  return "job " + job + ": " + std::to_string(total) + (total == 1 ? " target, " : " targets, ") +
         std::to_string(up) + " up";
}

}  // namespace host_exporter::cli
