#pragma once
// `host_exporter verify`'s comparisons, as pure functions on plain structs:
// what Prometheus stores (already decoded, see prometheus_api.hpp) against what
// this host reads locally (see verify.cpp). Rendering and the exit code live in
// verify.cpp; nothing here does I/O.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/doctor_checks.hpp"  // Verdict

namespace host_exporter::cli {

inline constexpr double kMemoryTolerance = 0.01;  // of the total (memory, or swap for host_swap_*)
inline constexpr double kCpuTolerance = 0.02;     // 2 percentage points
inline constexpr double kStaleScrapeIntervals = 3;

// What identifies a machine, as a target exports it (or as read here).
struct MachineFacts {
  std::optional<double> memory_total_bytes;  // node_memory_MemTotal_bytes or host_memory_total_bytes
  std::optional<int> cpu_count;              // CPUs in node_cpu_seconds_total or host_cpu_core_utilization_ratio
  std::string kernel_release;                // node_uname_info{release}
  std::optional<double> measures_host;       // host_exporter_measures_host
  std::string environment_detail;            // host_exporter_environment_info{detail}

  bool empty() const { return !memory_total_bytes && !cpu_count && kernel_release.empty(); }
};

struct TargetFacts {
  std::string job;
  std::string instance;
  std::string health;  // the targets API: up, down, unknown
  std::optional<double> up;
  std::string last_error;
  double scrape_interval_seconds = 0;
  std::optional<double> last_sample_age_seconds;  // evaluation time - timestamp(up)
  MachineFacts machine;
};

// Cumulative btop CPU ticks (total = 8 first columns of the cpu line, busy = total
// - idle - iowait) read from /proc/stat at a wall-clock instant (Unix seconds).
struct CpuTicks {
  double time = 0;
  double busy = 0;
  double total = 0;
};

// One sampler window as Prometheus stored it: host_cpu_utilization_ratio with
// host_cpu_window_{start,end}_timestamp_seconds from the same scrape.
struct CpuWindowSample {
  double start = 0;
  double end = 0;
  double ratio = 0;
};

// One instance of the verified job, as Prometheus has it.
struct JobInstanceData {
  std::string instance;
  std::map<std::string, double> memory;           // host_memory_*_bytes and host_swap_*_bytes by name
  std::map<std::string, double> filesystem_size;  // mountpoint -> node_filesystem_size_bytes
  std::vector<CpuWindowSample> cpu_windows;
};

struct LocalData {
  MachineFacts machine;
  std::map<std::string, double> memory;  // same names as JobInstanceData::memory
  std::map<std::string, double> filesystem_size;
  std::vector<CpuTicks> cpu_ticks;                 // oldest first
  std::map<std::string, std::string> rag_metrics;  // rag_* name -> where it is (textfile, push group)
};

struct VerifyInputs {
  std::string job;
  LocalData local;
  std::vector<TargetFacts> targets;
  std::vector<JobInstanceData> job_instances;
  std::set<std::string> prometheus_rag_metrics;  // rag_* names Prometheus has series for
};

struct VerifyFinding {
  std::string check;   // target, machine, memory, cpu, filesystem, rag-metrics
  Verdict verdict = Verdict::kOk;
  std::string target;  // "job/instance", or "" for the whole job or Prometheus
  std::string summary;
  std::vector<std::string> details;
};

struct VerifyReport {
  std::vector<VerifyFinding> findings;
  bool consistent() const;  // nothing failed
};

// The cumulative ticks at `time`, interpolated linearly between the readings that
// bracket it; nullopt outside the recording.
std::optional<CpuTicks> ticks_at(const std::vector<CpuTicks>& ticks, double time);

struct CpuComparison {
  int windows = 0;
  double seconds = 0;           // summed length of the matched windows
  double prometheus_ratio = 0;  // Prometheus' ratios, weighted by window length
  double local_ratio = 0;       // this host's ticks over the same windows
};

// Matches the windows that lie inside the local recording (each once) and
// compares; nullopt when none does.
std::optional<CpuComparison> compare_cpu(const std::vector<CpuWindowSample>& windows,
                                         const std::vector<CpuTicks>& ticks);

std::vector<VerifyFinding> check_target(const TargetFacts& target);
// nullopt when the target exports nothing that identifies a machine.
std::optional<VerifyFinding> check_machine(const TargetFacts& target, const MachineFacts& local);
VerifyFinding check_memory(const std::string& target, const JobInstanceData& remote, const LocalData& local);
VerifyFinding check_cpu(const std::string& target, const JobInstanceData& remote, const LocalData& local);
VerifyFinding check_filesystems(const std::string& target, const JobInstanceData& remote, const LocalData& local);
// nullopt when no rag_* metric exists locally.
std::optional<VerifyFinding> check_rag_metrics(const std::string& job, const std::map<std::string, std::string>& local,
                                               const std::set<std::string>& prometheus);

VerifyReport run_verify_checks(const VerifyInputs& inputs);

// "job node at 127.0.0.1:9100"
std::string describe_target(const std::string& job, const std::string& instance);
// "7.7 GiB and 8 CPUs, kernel 6.10.14-linuxkit" (what is known of it)
std::string describe_machine(const MachineFacts& facts);

}  // namespace host_exporter::cli
