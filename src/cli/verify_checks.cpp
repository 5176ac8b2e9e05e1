#include "cli/verify_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/snapshot_summary.hpp"  // format_value

namespace host_exporter::cli {

namespace {

std::string bytes(double value) { return format_value("x_bytes", value); }

std::string percent(double ratio) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f %%", ratio * 100);
  return buffer;
}

std::string seconds(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f s", value);
  return buffer;
}

std::string target_key(const std::string& job, const std::string& instance) { return job + "/" + instance; }

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

}  // namespace

bool VerifyReport::consistent() const {
  return std::none_of(findings.begin(), findings.end(),
                      [](const VerifyFinding& finding) { return finding.verdict == Verdict::kFail; });
}

std::string describe_target(const std::string& job, const std::string& instance) {
  return "job " + job + " at " + instance;
}

std::string describe_machine(const MachineFacts& facts) {
  std::string text;
  if (facts.memory_total_bytes) text = bytes(*facts.memory_total_bytes);
  if (facts.cpu_count) {
    text += (text.empty() ? "" : " and ") + std::to_string(*facts.cpu_count) + " CPU" + (*facts.cpu_count == 1 ? "" : "s");
  }
  if (!facts.kernel_release.empty()) text += (text.empty() ? "kernel " : ", kernel ") + facts.kernel_release;
  return text.empty() ? "nothing that identifies a machine" : text;
}

std::optional<CpuTicks> ticks_at(const std::vector<CpuTicks>& ticks, double time) {
  if (ticks.empty() || time < ticks.front().time || time > ticks.back().time) return std::nullopt;
  const auto after = std::lower_bound(ticks.begin(), ticks.end(), time,
                                      [](const CpuTicks& reading, double t) { return reading.time < t; });
  if (after->time == time || after == ticks.begin()) return *after;
  const CpuTicks& before = *(after - 1);
  const double share = (time - before.time) / (after->time - before.time);
  return CpuTicks{time, before.busy + share * (after->busy - before.busy),
                  before.total + share * (after->total - before.total)};
}

std::optional<CpuComparison> compare_cpu(const std::vector<CpuWindowSample>& windows,
                                         const std::vector<CpuTicks>& ticks) {
  std::vector<CpuWindowSample> matched;
  for (const auto& window : windows) {
    if (window.end <= window.start) continue;
    const bool seen = std::any_of(matched.begin(), matched.end(), [&](const CpuWindowSample& other) {
      return other.start == window.start && other.end == window.end;
    });
    if (!seen) matched.push_back(window);
  }
  CpuComparison out;
  double weighted = 0, busy = 0, total = 0;
  for (const auto& window : matched) {
    const auto start = ticks_at(ticks, window.start);
    const auto end = ticks_at(ticks, window.end);
    if (!start || !end || end->total <= start->total) continue;
    ++out.windows;
    out.seconds += window.end - window.start;
    weighted += window.ratio * (window.end - window.start);
    busy += end->busy - start->busy;
    total += end->total - start->total;
  }
  if (out.windows == 0) return std::nullopt;
  out.prometheus_ratio = weighted / out.seconds;
  out.local_ratio = std::clamp(busy / total, 0.0, 1.0);
  return out;
}

std::vector<VerifyFinding> check_target(const TargetFacts& target) {
  VerifyFinding finding{"target", Verdict::kOk, target_key(target.job, target.instance), "", {}};
  const std::string interval = target.scrape_interval_seconds > 0 ? seconds(target.scrape_interval_seconds) : "?";
  if (target.health == "down" || (target.up && *target.up == 0)) {
    finding.verdict = Verdict::kFail;
    finding.summary = describe_target(target.job, target.instance) + " is down (up == 0)";
    if (!target.last_error.empty()) finding.details.push_back("last scrape error: " + target.last_error);
    return {finding};
  }
  if (!target.last_sample_age_seconds) {
    finding.verdict = Verdict::kWarn;
    finding.summary = describe_target(target.job, target.instance) + " has not been scraped yet";
    return {finding};
  }
  const double age = *target.last_sample_age_seconds;
  const double limit = kStaleScrapeIntervals * target.scrape_interval_seconds;
  if (target.scrape_interval_seconds > 0 && age > limit) {
    finding.verdict = Verdict::kFail;
    finding.summary = describe_target(target.job, target.instance) + ": stale, its latest sample is " + seconds(age) +
                      " old (" + std::to_string(static_cast<int>(kStaleScrapeIntervals)) + " scrape intervals are " +
                      seconds(limit) + ")";
    finding.details.push_back("Prometheus is not scraping it any more, or cannot keep up");
    return {finding};
  }
  finding.summary = "up, latest sample " + seconds(age) + " old (scrape interval " + interval + ")";
  return {finding};
}

std::optional<VerifyFinding> check_machine(const TargetFacts& target, const MachineFacts& local) {
  const MachineFacts& remote = target.machine;
  if (remote.empty()) return std::nullopt;
  VerifyFinding finding{"machine", Verdict::kOk, target_key(target.job, target.instance), "", {}};
  std::vector<std::string> differences;
  if (remote.memory_total_bytes && local.memory_total_bytes &&
      std::fabs(*remote.memory_total_bytes - *local.memory_total_bytes) > kMemoryTolerance * *local.memory_total_bytes) {
    differences.push_back("memory total " + bytes(*remote.memory_total_bytes) + " vs " + bytes(*local.memory_total_bytes));
  }
  if (remote.cpu_count && local.cpu_count && *remote.cpu_count != *local.cpu_count) {
    differences.push_back("CPU count " + std::to_string(*remote.cpu_count) + " vs " + std::to_string(*local.cpu_count));
  }
  if (!remote.kernel_release.empty() && !local.kernel_release.empty() && remote.kernel_release != local.kernel_release) {
    differences.push_back("kernel release " + remote.kernel_release + " vs " + local.kernel_release);
  }
  const bool not_host = remote.measures_host && *remote.measures_host == 0;
  const bool docker_desktop = contains(remote.kernel_release, "linuxkit") ||
                              (not_host && (contains(remote.environment_detail, "Docker Desktop") ||
                                            contains(remote.environment_detail, "docker-desktop")));
  if (!remote.environment_detail.empty()) {
    finding.details.push_back("its exporter says it runs on: " + remote.environment_detail);
  }
  if (differences.empty()) {
    finding.summary = "measures this host (" + describe_machine(remote) + ")";
    // Both sides in the same container or VM agree with each other; only a
    // target that knows it is not the host while we think we are is suspicious.
    if (not_host && !(local.measures_host && *local.measures_host == 0)) {
      finding.verdict = Verdict::kWarn;
      finding.summary += ", though its exporter reports host_exporter_measures_host 0";
    }
    return finding;
  }
  finding.verdict = Verdict::kFail;
  finding.summary = describe_target(target.job, target.instance) + " reports " + describe_machine(remote) +
                    "; this host has " + describe_machine(local) + ": it measures " +
                    (docker_desktop ? "a VM, likely Docker Desktop's" : "another machine");
  for (const auto& difference : differences) finding.details.push_back("differs: " + difference);
  if (docker_desktop) {
    finding.details.push_back(
        "an exporter in a container on Docker Desktop sees the Linux VM, not the Mac; run host_exporter natively "
        "on the host and scrape it at host.docker.internal");
  }
  return finding;
}

VerifyFinding check_memory(const std::string& target, const JobInstanceData& remote, const LocalData& local) {
  VerifyFinding finding{"memory", Verdict::kOk, target, "", {}};
  const auto total = local.memory.find("host_memory_total_bytes");
  const auto swap_total = local.memory.find("host_swap_total_bytes");
  int compared = 0;
  for (const auto& [name, here] : local.memory) {
    const bool swap = name.starts_with("host_swap_");
    const auto& reference = swap ? swap_total : total;
    const double tolerance = reference == local.memory.end() ? 0 : kMemoryTolerance * reference->second;
    const auto there = remote.memory.find(name);
    if (there == remote.memory.end()) {
      finding.verdict = Verdict::kFail;
      finding.details.push_back(name + ": missing in Prometheus (here " + bytes(here) + ")");
      continue;
    }
    ++compared;
    const double difference = std::fabs(there->second - here);
    const std::string line = name + ": Prometheus " + bytes(there->second) + ", here " + bytes(here);
    if (difference > tolerance) {
      finding.verdict = Verdict::kFail;
      finding.details.push_back(line + ", off by " + bytes(difference) + " (allowed " + bytes(tolerance) + ")");
    } else {
      finding.details.push_back(line);
    }
  }
  if (local.memory.empty()) {
    finding.verdict = Verdict::kWarn;
    finding.summary = "no host_memory_* gauges here to compare (meminfo collector disabled?)";
  } else if (finding.verdict == Verdict::kOk) {
    finding.summary = std::to_string(compared) + " gauges within 1 % of their total";
  } else {
    finding.summary = "host_memory_*/host_swap_* differ by more than 1 % of their total, or are missing";
  }
  return finding;
}

VerifyFinding check_cpu(const std::string& target, const JobInstanceData& remote, const LocalData& local) {
  VerifyFinding finding{"cpu", Verdict::kOk, target, "", {}};
  const auto comparison = compare_cpu(remote.cpu_windows, local.cpu_ticks);
  const double recorded = local.cpu_ticks.size() >= 2 ? local.cpu_ticks.back().time - local.cpu_ticks.front().time : 0;
  finding.details.push_back(
      "method: each stored host_cpu_utilization_ratio comes with the window it covers "
      "(host_cpu_window_{start,end}_timestamp_seconds); this command read /proc/stat every 25 ms for " +
      seconds(recorded) + " and interpolated its counters to the same instants");
  if (!comparison) {
    finding.verdict = remote.cpu_windows.empty() ? Verdict::kFail : Verdict::kWarn;
    finding.summary = remote.cpu_windows.empty()
                          ? "Prometheus has no host_cpu_utilization_ratio with its window timestamps"
                          : "no window stored by Prometheus lies inside the " + seconds(recorded) +
                                " recorded here; give a longer --window";
    return finding;
  }
  const double difference = std::fabs(comparison->prometheus_ratio - comparison->local_ratio);
  finding.summary = "Prometheus " + percent(comparison->prometheus_ratio) + ", here " + percent(comparison->local_ratio) +
                    " over the same " + std::to_string(comparison->windows) + " window" +
                    (comparison->windows == 1 ? "" : "s") + " (" + seconds(comparison->seconds) + ")";
  if (difference > kCpuTolerance) {
    finding.verdict = Verdict::kFail;
    finding.summary += ": differ by " + percent(difference) + " (more than 2 points)";
  } else {
    finding.summary += ": within 2 points";
  }
  return finding;
}

VerifyFinding check_filesystems(const std::string& target, const JobInstanceData& remote, const LocalData& local) {
  VerifyFinding finding{"filesystem", Verdict::kOk, target, "", {}};
  int equal = 0, differing = 0;
  std::vector<std::string> only_here, only_there;
  for (const auto& [mountpoint, here] : local.filesystem_size) {
    const auto there = remote.filesystem_size.find(mountpoint);
    if (there == remote.filesystem_size.end()) {
      only_here.push_back(mountpoint);
    } else if (there->second != here) {
      finding.verdict = Verdict::kFail;
      ++differing;
      finding.details.push_back(mountpoint + ": Prometheus " + bytes(there->second) + " (" +
                                std::to_string(static_cast<long long>(there->second)) + " B), here " + bytes(here) +
                                " (" + std::to_string(static_cast<long long>(here)) + " B)");
    } else {
      ++equal;
    }
  }
  for (const auto& [mountpoint, size] : remote.filesystem_size) {
    if (!local.filesystem_size.count(mountpoint)) only_there.push_back(mountpoint);
  }
  auto list = [](const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
  };
  if (!only_here.empty()) finding.details.push_back("only here: " + list(only_here));
  if (!only_there.empty()) finding.details.push_back("only in Prometheus: " + list(only_there));
  if (finding.verdict == Verdict::kFail) {
    finding.summary = "node_filesystem_size_bytes differs for " + std::to_string(differing) + " mountpoint(s)";
  } else if (equal == 0 && !local.filesystem_size.empty()) {
    finding.verdict = Verdict::kFail;
    finding.summary = "no mountpoint in common: Prometheus' node_filesystem_size_bytes are another machine's";
  } else if (!only_here.empty() || !only_there.empty()) {
    finding.verdict = Verdict::kWarn;
    finding.summary = std::to_string(equal) + " mountpoint sizes equal; some are only on one side (other flags?)";
  } else {
    finding.summary = std::to_string(equal) + " mountpoint sizes equal to the byte";
  }
  return finding;
}

std::optional<VerifyFinding> check_rag_metrics(const std::string& job, const std::map<std::string, std::string>& local,
                                               const std::set<std::string>& prometheus) {
  if (local.empty()) return std::nullopt;
  VerifyFinding finding{"rag-metrics", Verdict::kOk, job, "", {}};
  int missing = 0;
  for (const auto& [name, where] : local) {
    // A histogram or summary family is stored as its _bucket/_sum/_count series.
    const bool stored = prometheus.count(name) || prometheus.count(name + "_count") || prometheus.count(name + "_sum");
    if (stored) continue;
    ++missing;
    finding.details.push_back(name + " (" + where + "): no series in Prometheus");
  }
  if (missing == 0) {
    finding.summary = "all " + std::to_string(local.size()) + " rag_* metrics here are in Prometheus";
    return finding;
  }
  finding.verdict = Verdict::kFail;
  finding.summary = std::to_string(missing) + " of " + std::to_string(local.size()) +
                    " rag_* metrics here have no series in Prometheus";
  finding.details.push_back("is job " + job + " scraping this exporter, with honor_labels: true for pushed groups?");
  return finding;
}

VerifyReport run_verify_checks(const VerifyInputs& inputs) {
  VerifyReport report;
  bool job_seen = false;
  for (const auto& target : inputs.targets) {
    job_seen = job_seen || target.job == inputs.job;
    for (auto& finding : check_target(target)) report.findings.push_back(std::move(finding));
  }
  if (!job_seen) {
    report.findings.push_back({"target", Verdict::kFail, inputs.job,
                               "Prometheus has no target with job=\"" + inputs.job + "\"",
                               {"check --job, and that the scrape config with this job is loaded"}});
  }
  for (const auto& instance : inputs.job_instances) {
    const std::string key = target_key(inputs.job, instance.instance);
    report.findings.push_back(check_memory(key, instance, inputs.local));
    report.findings.push_back(check_cpu(key, instance, inputs.local));
    report.findings.push_back(check_filesystems(key, instance, inputs.local));
  }
  for (const auto& target : inputs.targets) {
    if (auto finding = check_machine(target, inputs.local.machine)) report.findings.push_back(std::move(*finding));
  }
  if (auto finding = check_rag_metrics(inputs.job, inputs.local.rag_metrics, inputs.prometheus_rag_metrics)) {
    report.findings.push_back(std::move(*finding));
  }
  return report;
}

}  // namespace host_exporter::cli
