// verify's comparisons on hand-made inputs.
#include "cli/verify_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace host_exporter::cli {
namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;

MachineFacts this_host() {
  MachineFacts facts;
  facts.memory_total_bytes = 16 * kGiB;
  facts.cpu_count = 8;
  facts.kernel_release = "6.1.0-18-amd64";
  facts.measures_host = 1;
  facts.environment_detail = "bare metal";
  return facts;
}

TargetFacts target(const std::string& job, const std::string& instance, MachineFacts machine) {
  TargetFacts facts;
  facts.job = job;
  facts.instance = instance;
  facts.health = "up";
  facts.up = 1;
  facts.scrape_interval_seconds = 15;
  facts.last_sample_age_seconds = 3;
  facts.machine = std::move(machine);
  return facts;
}

TEST(VerifyChecksTest, ATargetOnDockerDesktopsVmIsNamed) {
  MachineFacts vm;
  vm.memory_total_bytes = 7.7 * kGiB;
  vm.cpu_count = 4;
  vm.kernel_release = "6.10.14-linuxkit";
  const auto finding = check_machine(target("node", "node-exporter:9100", vm), this_host());
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->verdict, Verdict::kFail);
  EXPECT_EQ(finding->target, "node/node-exporter:9100");
  EXPECT_EQ(finding->summary,
            "job node at node-exporter:9100 reports 7.7 GiB and 4 CPUs, kernel 6.10.14-linuxkit; this host has "
            "16.0 GiB and 8 CPUs, kernel 6.1.0-18-amd64: it measures a VM, likely Docker Desktop's");
}

TEST(VerifyChecksTest, DockerDesktopIsAlsoRecognisedByTheExportersOwnWord) {
  MachineFacts vm;
  vm.memory_total_bytes = 7.7 * kGiB;
  vm.measures_host = 0;
  vm.environment_detail = "docker container in Docker Desktop's LinuxKit VM";
  const auto finding = check_machine(target("host", "host.docker.internal:9101", vm), this_host());
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->verdict, Verdict::kFail);
  EXPECT_NE(finding->summary.find("likely Docker Desktop's"), std::string::npos) << finding->summary;
}

TEST(VerifyChecksTest, AnotherMachineThatIsNotDockerDesktopIsNotCalledSo) {
  MachineFacts other = this_host();
  other.cpu_count = 2;
  const auto finding = check_machine(target("node", "db:9100", other), this_host());
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->verdict, Verdict::kFail);
  EXPECT_NE(finding->summary.find("it measures another machine"), std::string::npos);
  EXPECT_EQ(finding->summary.find("Docker"), std::string::npos);
  EXPECT_EQ(finding->details.back(), "differs: CPU count 2 vs 8");
}

TEST(VerifyChecksTest, TheSameMachineIsOkAndATargetWithoutFactsIsSkipped) {
  MachineFacts same = this_host();
  same.memory_total_bytes = 16 * kGiB * 1.005;  // within 1 %
  const auto finding = check_machine(target("node", "localhost:9100", same), this_host());
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->verdict, Verdict::kOk);
  EXPECT_FALSE(check_machine(target("prometheus", "localhost:9090", {}), this_host()));
}

TEST(VerifyChecksTest, ATargetThatSaysItIsNotTheHostIsAWarningWhenItsNumbersMatch) {
  MachineFacts same = this_host();
  same.measures_host = 0;
  EXPECT_EQ(check_machine(target("node", "x:9100", same), this_host())->verdict, Verdict::kWarn);
  // Unless verify itself runs in the same container: both sides then agree.
  MachineFacts here = this_host();
  here.measures_host = 0;
  EXPECT_EQ(check_machine(target("node", "x:9100", same), here)->verdict, Verdict::kOk);
}

TEST(VerifyChecksTest, DownAndStaleTargetsFail) {
  TargetFacts down = target("node", "a:9100", {});
  down.health = "down";
  down.up = 0;
  down.last_error = "connection refused";
  auto findings = check_target(down);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].verdict, Verdict::kFail);
  EXPECT_EQ(findings[0].details, std::vector<std::string>{"last scrape error: connection refused"});

  TargetFacts stale = target("node", "a:9100", {});
  stale.last_sample_age_seconds = 46;  // more than 3 x 15 s
  EXPECT_EQ(check_target(stale)[0].verdict, Verdict::kFail);
  stale.last_sample_age_seconds = 44;
  EXPECT_EQ(check_target(stale)[0].verdict, Verdict::kOk);
}

TEST(VerifyChecksTest, TicksAreInterpolatedBetweenReadings) {
  const std::vector<CpuTicks> ticks = {{10.0, 0, 0}, {10.1, 10, 40}, {10.2, 30, 80}};
  EXPECT_FALSE(ticks_at(ticks, 9.99));
  EXPECT_FALSE(ticks_at(ticks, 10.21));
  const auto middle = ticks_at(ticks, 10.15);
  ASSERT_TRUE(middle);
  EXPECT_NEAR(middle->busy, 20, 1e-9);
  EXPECT_NEAR(middle->total, 60, 1e-9);
  EXPECT_DOUBLE_EQ(ticks_at(ticks, 10.1)->busy, 10);
}

// 8 CPUs at USER_HZ 100: 800 ticks a second; busy at `rate` of them from t=0 on.
std::vector<CpuTicks> steady_ticks(double seconds, double rate) {
  std::vector<CpuTicks> ticks;
  for (double t = 0; t <= seconds + 1e-9; t += 0.025) ticks.push_back({1000 + t, 800 * rate * t, 800 * t});
  return ticks;
}

TEST(VerifyChecksTest, CpuIsComparedOverTheWindowsPrometheusStored) {
  const auto ticks = steady_ticks(10, 0.25);
  // Two scrapes saw the same window; the first window starts before the recording.
  const std::vector<CpuWindowSample> windows = {
      {999.0, 1001.0, 0.9}, {1002.0, 1004.0, 0.26}, {1002.0, 1004.0, 0.26}, {1004.0, 1006.0, 0.25}};
  const auto comparison = compare_cpu(windows, ticks);
  ASSERT_TRUE(comparison);
  EXPECT_EQ(comparison->windows, 2);
  EXPECT_DOUBLE_EQ(comparison->seconds, 4.0);
  EXPECT_NEAR(comparison->prometheus_ratio, 0.255, 1e-12);
  EXPECT_NEAR(comparison->local_ratio, 0.25, 1e-9);

  JobInstanceData remote;
  remote.cpu_windows = windows;
  LocalData local;
  local.cpu_ticks = ticks;
  EXPECT_EQ(check_cpu("host/a", remote, local).verdict, Verdict::kOk);
  remote.cpu_windows = {{1002.0, 1004.0, 0.30}};  // 5 points off
  const auto off = check_cpu("host/a", remote, local);
  EXPECT_EQ(off.verdict, Verdict::kFail);
  EXPECT_NE(off.summary.find("Prometheus 30.0 %, here 25.0 %"), std::string::npos) << off.summary;
}

TEST(VerifyChecksTest, CpuWithoutAMatchingWindowIsAWarningAndWithoutWindowsAFailure) {
  LocalData local;
  local.cpu_ticks = steady_ticks(4, 0.5);
  JobInstanceData remote;
  remote.cpu_windows = {{990, 992, 0.5}};
  EXPECT_EQ(check_cpu("host/a", remote, local).verdict, Verdict::kWarn);
  remote.cpu_windows.clear();
  EXPECT_EQ(check_cpu("host/a", remote, local).verdict, Verdict::kFail);
}

TEST(VerifyChecksTest, MemoryMayDifferByOnePercentOfItsTotal) {
  LocalData local;
  local.memory = {{"host_memory_total_bytes", 16 * kGiB},
                  {"host_memory_used_bytes", 4 * kGiB},
                  {"host_swap_total_bytes", 2 * kGiB},
                  {"host_swap_used_bytes", 0}};
  JobInstanceData remote;
  remote.memory = local.memory;
  remote.memory["host_memory_used_bytes"] = 4 * kGiB + 0.15 * kGiB;  // < 0.16 GiB
  remote.memory["host_swap_used_bytes"] = 0.019 * kGiB;               // < 1 % of 2 GiB
  EXPECT_EQ(check_memory("host/a", remote, local).verdict, Verdict::kOk);
  remote.memory["host_memory_used_bytes"] = 4 * kGiB + 0.17 * kGiB;
  EXPECT_EQ(check_memory("host/a", remote, local).verdict, Verdict::kFail);
  remote.memory["host_memory_used_bytes"] = 4 * kGiB;
  remote.memory.erase("host_swap_used_bytes");
  const auto missing = check_memory("host/a", remote, local);
  EXPECT_EQ(missing.verdict, Verdict::kFail);
  EXPECT_NE(missing.details.back().find("host_swap_used_bytes: missing in Prometheus"), std::string::npos);
}

TEST(VerifyChecksTest, FilesystemSizesMustBeEqualToTheByte) {
  LocalData local;
  local.filesystem_size = {{"/", 100e9}, {"/boot", 1e9}};
  JobInstanceData remote;
  remote.filesystem_size = local.filesystem_size;
  EXPECT_EQ(check_filesystems("host/a", remote, local).verdict, Verdict::kOk);
  remote.filesystem_size["/"] = 100e9 + 4096;
  const auto differs = check_filesystems("host/a", remote, local);
  EXPECT_EQ(differs.verdict, Verdict::kFail);
  EXPECT_EQ(differs.summary, "node_filesystem_size_bytes differs for 1 mountpoint(s)");
  remote.filesystem_size = {{"/", 100e9}, {"/data", 5e9}};
  EXPECT_EQ(check_filesystems("host/a", remote, local).verdict, Verdict::kWarn);
  remote.filesystem_size = {{"/var/lib/docker", 60e9}};
  EXPECT_EQ(check_filesystems("host/a", remote, local).verdict, Verdict::kFail);
}

TEST(VerifyChecksTest, RagMetricsHereMustBeInPrometheus) {
  EXPECT_FALSE(check_rag_metrics("host", {}, {}));
  const std::map<std::string, std::string> local = {{"rag_documents_indexed", "textfile directory"},
                                                    {"rag_request_duration_seconds", "push group"}};
  // A histogram is stored as its _bucket/_sum/_count series.
  auto finding = check_rag_metrics("host", local, {"rag_documents_indexed", "rag_request_duration_seconds_count"});
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->verdict, Verdict::kOk);
  finding = check_rag_metrics("host", local, {"rag_documents_indexed"});
  EXPECT_EQ(finding->verdict, Verdict::kFail);
  EXPECT_EQ(finding->details.front(), "rag_request_duration_seconds (push group): no series in Prometheus");
}

TEST(VerifyChecksTest, AMissingJobFailsAndAConsistentReportPasses) {
  VerifyInputs inputs;
  inputs.job = "host";
  inputs.local.machine = this_host();
  inputs.targets = {target("node", "localhost:9100", this_host())};
  auto report = run_verify_checks(inputs);
  EXPECT_FALSE(report.consistent());
  const auto missing = std::find_if(report.findings.begin(), report.findings.end(),
                                    [](const VerifyFinding& finding) { return finding.verdict == Verdict::kFail; });
  ASSERT_NE(missing, report.findings.end());
  EXPECT_EQ(missing->summary, "Prometheus has no target with job=\"host\"");

  inputs.targets.push_back(target("host", "localhost:9101", this_host()));
  report = run_verify_checks(inputs);
  EXPECT_TRUE(report.consistent());
}

}  // namespace
}  // namespace host_exporter::cli
