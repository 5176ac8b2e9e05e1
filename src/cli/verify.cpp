#include "cli/verify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/metric_sources.hpp"
#include "cli/prometheus_api.hpp"
#include "cli/verify_preflight.hpp"
#include "collectors/sampler.hpp"
#include "platform/cpu_tick_reader.hpp"

namespace host_exporter::cli {

namespace {

constexpr std::chrono::milliseconds kHttpTimeout{10'000};
constexpr std::chrono::milliseconds kTickInterval{25};  // local CPU tick reads while recording

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string label(const LabelMap& labels, const char* name) {
  const auto it = labels.find(name);
  return it == labels.end() ? std::string() : it->second;
}

std::string label(const Series& series, std::string_view name) {
  const auto pairs = parse_label_text(series.labels);
  if (!pairs) return {};
  for (const auto& [key, value] : *pairs) {
    if (key == name) return value;
  }
  return {};
}

// ---- this host -------------------------------------------------------------

// btop's busy and total CPU ticks of the whole machine (platform/cpu_tick_reader.hpp:
// /proc/stat on Linux, host_processor_info on macOS), stamped with the wall clock.
std::vector<CpuTicks> record_cpu(const platform::Roots& roots, std::chrono::milliseconds duration) {
  platform::CpuTickReader reader(roots);
  std::string error;
  std::vector<CpuTicks> ticks;
  const auto end = std::chrono::steady_clock::now() + duration;
  auto next = std::chrono::steady_clock::now();
  while (next <= end) {
    const double time = unix_now();
    if (const auto sample = reader.read(error)) ticks.push_back(CpuTicks{time, sample->busy, sample->total});
    next += kTickInterval;
    std::this_thread::sleep_until(next);
  }
  return ticks;
}

void read_local_families(const std::vector<MetricFamily>& families, LocalData& local) {
  static const std::set<std::string> kMemory = {
      "host_memory_total_bytes", "host_memory_used_bytes", "host_memory_available_bytes", "host_memory_cached_bytes",
      "host_memory_free_bytes",  "host_swap_total_bytes",  "host_swap_used_bytes"};
  std::set<std::string> cpus;
  std::optional<double> node_memory_total;
  int core_ratios = 0;
  for (const auto& family : families) {
    if (family.series.empty()) continue;
    const Series& first = family.series.front();
    const bool scalar = std::holds_alternative<double>(first.value);
    if (family.name.starts_with("rag_")) local.rag_metrics.emplace(family.name, "textfile directory");
    if (!scalar) continue;
    if (kMemory.count(family.name)) local.memory[family.name] = first.scalar();
    if (family.name == "node_memory_MemTotal_bytes") node_memory_total = first.scalar();
    if (family.name == "node_cpu_seconds_total") {
      for (const auto& series : family.series) cpus.insert(label(series, "cpu"));
    }
    if (family.name == "host_cpu_core_utilization_ratio") core_ratios = static_cast<int>(family.series.size());
    if (family.name == "node_uname_info") local.machine.kernel_release = label(first, "release");
    if (family.name == "host_exporter_measures_host") local.machine.measures_host = first.scalar();
    if (family.name == "host_exporter_environment_info") local.machine.environment_detail = label(first, "detail");
    if (family.name == "node_filesystem_size_bytes") {
      for (const auto& series : family.series) local.filesystem_size[label(series, "mountpoint")] = series.scalar();
    }
  }
  if (const auto total = local.memory.find("host_memory_total_bytes"); total != local.memory.end()) {
    local.machine.memory_total_bytes = total->second;
  } else {
    local.machine.memory_total_bytes = node_memory_total;
  }
  if (!cpus.empty()) {
    local.machine.cpu_count = static_cast<int>(cpus.size());
  } else if (core_ratios > 0) {
    local.machine.cpu_count = core_ratios;
  }
}

// Pushed groups live in the running exporter, not in this process: ask it.
void read_push_groups(const Options& options, LocalData& local) {
  if (options.listen_addresses.empty()) return;
  const auto& address = options.listen_addresses.front();
  std::string host = address.host;
  if (host.empty() || host == "::" || host == "0.0.0.0") host = "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  std::string body, error;
  if (!http_get("http://" + host + ":" + std::to_string(address.port) + "/api/v1/metrics",
                std::chrono::milliseconds(2'000), body, error)) {
    return;  // no exporter there (or no push API): nothing pushed to compare
  }
  try {
    for (const auto& name : decode_push_group_metric_names(body)) {
      if (name.starts_with("rag_")) local.rag_metrics.emplace(name, "push group");
    }
  } catch (const PrometheusError&) {
  }
}

// ---- Prometheus ------------------------------------------------------------

using TargetKey = std::pair<std::string, std::string>;  // job, instance

TargetKey key_of(const LabelMap& labels) { return {label(labels, "job"), label(labels, "instance")}; }

std::map<TargetKey, double> by_target(PrometheusClient& client, const std::string& promql) {
  std::map<TargetKey, double> out;
  for (const auto& sample : client.query(promql)) out[key_of(sample.labels)] = sample.value;
  return out;
}

std::map<TargetKey, std::string> label_by_target(PrometheusClient& client, const std::string& promql,
                                                 const char* name) {
  std::map<TargetKey, std::string> out;
  for (const auto& sample : client.query(promql)) out[key_of(sample.labels)] = label(sample.labels, name);
  return out;
}

template <typename Value>
std::optional<Value> find(const std::map<TargetKey, Value>& values, const TargetKey& key) {
  const auto it = values.find(key);
  return it == values.end() ? std::nullopt : std::optional<Value>(it->second);
}

std::vector<TargetFacts> target_facts(PrometheusClient& client, const std::vector<ScrapeTarget>& targets) {
  const auto up = by_target(client, "up");
  std::map<TargetKey, double> age;
  for (const auto& sample : client.query("timestamp(up)")) age[key_of(sample.labels)] = sample.time - sample.value;
  const auto host_total = by_target(client, "max by (job, instance) (host_memory_total_bytes)");
  const auto node_total = by_target(client, "max by (job, instance) (node_memory_MemTotal_bytes)");
  const auto node_cpus = by_target(client, "count by (job, instance) (node_cpu_seconds_total{mode=\"idle\"})");
  const auto host_cpus = by_target(client, "count by (job, instance) (host_cpu_core_utilization_ratio)");
  const auto release = label_by_target(client, "max by (job, instance, release) (node_uname_info)", "release");
  const auto measures = by_target(client, "max by (job, instance) (host_exporter_measures_host)");
  const auto detail =
      label_by_target(client, "max by (job, instance, detail) (host_exporter_environment_info)", "detail");

  std::vector<TargetFacts> out;
  for (const auto& target : targets) {
    const TargetKey key{target.job, target.instance};
    TargetFacts facts;
    facts.job = target.job;
    facts.instance = target.instance;
    facts.health = target.health;
    facts.last_error = target.last_error;
    facts.scrape_interval_seconds = target.scrape_interval_seconds;
    facts.up = find(up, key);
    facts.last_sample_age_seconds = find(age, key);
    facts.machine.memory_total_bytes = find(host_total, key);
    if (!facts.machine.memory_total_bytes) facts.machine.memory_total_bytes = find(node_total, key);
    if (const auto count = find(node_cpus, key).value_or(find(host_cpus, key).value_or(0)); count > 0) {
      facts.machine.cpu_count = static_cast<int>(count);
    }
    facts.machine.kernel_release = find(release, key).value_or("");
    facts.machine.measures_host = find(measures, key);
    facts.machine.environment_detail = find(detail, key).value_or("");
    out.push_back(std::move(facts));
  }
  return out;
}

// host_cpu_utilization_ratio joined with its window timestamps by scrape time.
std::map<std::string, std::vector<CpuWindowSample>> cpu_windows(PrometheusClient& client, const std::string& selector,
                                                                 int range_seconds) {
  const std::string range = "[" + std::to_string(range_seconds) + "s]";
  auto fetch = [&](const char* name) {
    std::map<std::string, std::map<double, double>> out;  // instance -> time -> value
    for (const auto& series : client.query_range_selector(name + selector + range)) {
      for (const auto& [time, value] : series.points) out[label(series.labels, "instance")][time] = value;
    }
    return out;
  };
  const auto ratios = fetch("host_cpu_utilization_ratio");
  const auto starts = fetch("host_cpu_window_start_timestamp_seconds");
  const auto ends = fetch("host_cpu_window_end_timestamp_seconds");
  std::map<std::string, std::vector<CpuWindowSample>> out;
  for (const auto& [instance, points] : ratios) {
    const auto start = starts.find(instance);
    const auto end = ends.find(instance);
    if (start == starts.end() || end == ends.end()) continue;
    for (const auto& [time, ratio] : points) {
      const auto s = start->second.find(time);
      const auto e = end->second.find(time);
      if (s != start->second.end() && e != end->second.end()) out[instance].push_back({s->second, e->second, ratio});
    }
  }
  return out;
}

std::vector<JobInstanceData> job_data(PrometheusClient& client, const std::string& job,
                                      const std::vector<TargetFacts>& targets, int range_seconds) {
  const std::string selector = "{job=" + promql_string(job) + "}";
  std::map<std::string, JobInstanceData> instances;
  for (const auto& target : targets) {
    if (target.job == job && target.health != "down") instances[target.instance].instance = target.instance;
  }
  const std::string memory_selector =
      "{job=" + promql_string(job) + ", __name__=~\"host_memory_.+_bytes|host_swap_.+_bytes\"}";
  for (const auto& sample : client.query(memory_selector)) {
    const auto it = instances.find(label(sample.labels, "instance"));
    if (it != instances.end()) it->second.memory[label(sample.labels, "__name__")] = sample.value;
  }
  for (const auto& sample : client.query("node_filesystem_size_bytes" + selector)) {
    const auto it = instances.find(label(sample.labels, "instance"));
    if (it != instances.end()) it->second.filesystem_size[label(sample.labels, "mountpoint")] = sample.value;
  }
  for (auto& [instance, windows] : cpu_windows(client, selector, range_seconds)) {
    const auto it = instances.find(instance);
    if (it != instances.end()) it->second.cpu_windows = std::move(windows);
  }
  std::vector<JobInstanceData> out;
  for (auto& [instance, data] : instances) out.push_back(std::move(data));
  return out;
}

std::set<std::string> rag_metric_names(PrometheusClient& client) {
  std::set<std::string> names;
  for (const auto& sample : client.query("group by (__name__) ({__name__=~\"rag_.+\"})")) {
    names.insert(label(sample.labels, "__name__"));
  }
  return names;
}

// Long enough for Prometheus to store whole sampler windows inside it: three
// scrape intervals of the job, at least 8 s, at most 2 minutes.
std::chrono::milliseconds recording_length(const Options& options, const std::vector<ScrapeTarget>& targets) {
  if (options.verify_window.count() > 0) return options.verify_window;
  double interval = 0;
  for (const auto& target : targets) {
    if (target.job == options.verify_job) interval = std::max(interval, target.scrape_interval_seconds);
  }
  if (interval <= 0) interval = 15;  // Prometheus' default
  const double seconds = std::clamp(3 * interval + 2, 8.0, 120.0);
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

std::string verdict_text(Verdict verdict) { return to_string(verdict); }

// One line per step on stderr, so that a run of a minute is not silent (stdout keeps the report alone).
void progress(const std::string& step) { std::cerr << "host_exporter verify: " << step << "\n" << std::flush; }

}  // namespace

std::string render_verify_table(const VerifyReport& report, const VerifyContext& context) {
  std::string out = "host_exporter verify: Prometheus " + context.prometheus_url + ", job " + context.job + "\n";
  out += "this host: " + describe_machine(context.this_host);
  if (!context.this_host.environment_detail.empty()) out += " (" + context.this_host.environment_detail + ")";
  char recorded[64];
  std::snprintf(recorded, sizeof(recorded), "%.1f", context.recorded_seconds);
  out += "; measured here for " + std::string(recorded) + " s\n\n";

  std::size_t target_width = 6;
  for (const auto& finding : report.findings) target_width = std::max(target_width, finding.target.size());
  auto pad = [](std::string text, std::size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
  };
  const std::string indent(6 + 2 + 11 + 2 + target_width + 2, ' ');
  out += pad("STATUS", 6) + "  " + pad("CHECK", 11) + "  " + pad("TARGET", target_width) + "  RESULT\n";
  for (const auto& finding : report.findings) {
    out += pad(verdict_text(finding.verdict), 6) + "  " + pad(finding.check, 11) + "  " +
           pad(finding.target, target_width) + "  " + finding.summary + "\n";
    for (const auto& detail : finding.details) out += indent + "- " + detail + "\n";
  }
  const auto failed = std::count_if(report.findings.begin(), report.findings.end(),
                                    [](const VerifyFinding& finding) { return finding.verdict == Verdict::kFail; });
  out += report.consistent() ? "\nConsistent: Prometheus stores what this host measures.\n"
                             : "\nInconsistent: " + std::to_string(failed) + " check(s) failed (see fail above).\n";
  return out;
}

std::string render_verify_json(const VerifyReport& report, const VerifyContext& context) {
  nlohmann::json json;
  json["consistent"] = report.consistent();
  json["prometheus"] = context.prometheus_url;
  json["job"] = context.job;
  json["recorded_seconds"] = context.recorded_seconds;
  nlohmann::json host = nlohmann::json::object();
  const auto& machine = context.this_host;
  if (machine.memory_total_bytes) host["memory_total_bytes"] = *machine.memory_total_bytes;
  if (machine.cpu_count) host["cpu_count"] = *machine.cpu_count;
  host["kernel_release"] = machine.kernel_release;
  host["environment"] = machine.environment_detail;
  json["this_host"] = std::move(host);
  json["findings"] = nlohmann::json::array();
  for (const auto& finding : report.findings) {
    json["findings"].push_back({{"check", finding.check},
                                {"verdict", verdict_text(finding.verdict)},
                                {"target", finding.target},
                                {"summary", finding.summary},
                                {"details", finding.details}});
  }
  return json.dump(2) + "\n";
}

int run_verify(const Options& options) {
  auto stop_with = [&](const std::string& message) {
    std::cerr << "host_exporter verify: " << message << "\n";
    if (options.verify_json) {
      std::cout << nlohmann::json{{"consistent", false}, {"prometheus", options.verify_prometheus}, {"error", message}}
                       .dump(2)
                << "\n" << std::flush;
    }
    return 1;
  };
  std::unique_ptr<PrometheusClient> client;
  std::vector<ScrapeTarget> targets;
  progress("asking " + options.verify_prometheus + " for its targets");
  try {
    client = std::make_unique<PrometheusClient>(options.verify_prometheus, kHttpTimeout);
    targets = client->targets();
  } catch (const PrometheusError& e) {
    return stop_with(e.what());
  }
  // Nothing to compare: say why now rather than after measuring for a whole window.
  if (const auto reason = reason_verify_cannot_run(targets, options.verify_job)) return stop_with(*reason);
  progress(describe_job_targets(targets, options.verify_job));

  VerifyInputs inputs;
  inputs.job = options.verify_job;
  collectors::Sampler sampler(options.sampler_interval);
  server::MetricsEndpoint endpoint;
  if (!add_metric_sources_or_report(options, sampler, endpoint)) return kUsageError;
  sampler.start();
  const auto length = recording_length(options, targets);
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.0f", std::chrono::duration<double>(length).count());
  progress("measuring this host for " + std::string(seconds) + " s, while Prometheus stores the same windows");
  inputs.local.cpu_ticks = record_cpu(options.roots, length);
  std::vector<MetricFamily> families;
  endpoint.gather(families);
  sampler.stop();
  read_local_families(families, inputs.local);
  read_push_groups(options, inputs.local);

  const int range_seconds = static_cast<int>(std::ceil(std::chrono::duration<double>(length).count())) + 60;
  progress("comparing with what Prometheus stored");
  try {
    inputs.targets = target_facts(*client, targets);
    inputs.job_instances = job_data(*client, inputs.job, inputs.targets, range_seconds);
    inputs.prometheus_rag_metrics = rag_metric_names(*client);
  } catch (const PrometheusError& e) {
    return stop_with(e.what());
  }

  const VerifyReport report = run_verify_checks(inputs);
  VerifyContext context{options.verify_prometheus, inputs.job, 0, inputs.local.machine};
  if (inputs.local.cpu_ticks.size() >= 2) {
    context.recorded_seconds = inputs.local.cpu_ticks.back().time - inputs.local.cpu_ticks.front().time;
  }
  std::cout << (options.verify_json ? render_verify_json(report, context) : render_verify_table(report, context))
            << std::flush;
  return report.consistent() ? 0 : 1;
}

}  // namespace host_exporter::cli
