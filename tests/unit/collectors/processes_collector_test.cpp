// The processes and environment collectors end to end on fixture roots: family
// names, labels, and the flags' validation.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "collectors/builtin.hpp"
#include "collectors/definitions.hpp"
#include "collectors/environment.hpp"
#include "collectors/processes.hpp"
#include "family_lookup.hpp"

namespace host_exporter::collectors {
namespace {

using test::find_family;
using test::find_value;
using test::fixture_path;

CollectorContext churn_context() {
  CollectorContext context;
  context.roots.procfs = fixture_path("processes/churn/proc");
  context.config = default_config(processes_collector_definition());
  return context;
}

TEST(ProcessesCollector, ExportsGroupsStatesAndThreadsFromTheChurnFixture) {
  auto collector = processes_collector_definition().create(churn_context());
  std::vector<MetricFamily> families;
  collector->collect(families);

  // Two "evil) (name x" processes; the name is escaped nowhere since it has no quote.
  EXPECT_EQ(find_value(families, "host_process_group_processes", "name=\"evil) (name x\""), 2);
  EXPECT_EQ(find_value(families, "host_process_group_open_fds", "name=\"evil) (name x\""), 10);
  EXPECT_DOUBLE_EQ(*find_value(families, "host_process_group_cpu_seconds_total", "name=\"java\",mode=\"user\""),
                   900.0);
  EXPECT_EQ(find_value(families, "host_process_group_threads", "name=\"java\""), 250);
  EXPECT_DOUBLE_EQ(*find_value(families, "host_process_group_resident_memory_bytes", "name=\"java\""),
                   262144.0 * 4096);
  // The short-lived process is there, but its descriptors (fd/ vanished) are not counted.
  EXPECT_EQ(find_value(families, "host_process_group_processes", "name=\"short-lived\""), 1);
  EXPECT_FALSE(find_value(families, "host_process_group_open_fds", "name=\"short-lived\"").has_value());
  // Kernel threads are named by comm, as btop shows them.
  EXPECT_EQ(find_value(families, "host_process_group_processes", "name=\"kworker/0:1-events\""), 1);

  EXPECT_EQ(find_value(families, "host_processes", "state=\"zombie\""), 1);
  EXPECT_EQ(find_value(families, "host_processes", "state=\"running\""), 2);
  EXPECT_EQ(find_value(families, "host_processes", "state=\"idle\""), 1);
  EXPECT_EQ(find_value(families, "host_processes", "state=\"disk-sleep\""), 0);
  EXPECT_EQ(find_value(families, "host_threads", ""), 13 + 1 + 1 + 2 + 1 + 1 + 250 + 1);
  // kthreadd used no CPU and holds no memory: in neither top list, so it is "other".
  EXPECT_EQ(find_value(families, "host_process_group_processes", "name=\"other\""), 1);
  EXPECT_FALSE(find_value(families, "host_process_group_processes", "name=\"kthreadd\"").has_value());

  const MetricFamily* cpu = find_family(families, "host_process_group_cpu_seconds_total");
  ASSERT_NE(cpu, nullptr);
  EXPECT_EQ(cpu->type, MetricType::kCounter);
  EXPECT_EQ(find_family(families, "host_process_info"), nullptr);  // command lines only on request
  for (const auto& family : families) EXPECT_TRUE(is_valid_metric_name(family.name)) << family.name;
}

// A writable copy of the churn fixture, removed at the end of the test.
class ChurnCopy {
 public:
  ChurnCopy() : root_(std::filesystem::temp_directory_path() / ("hx-churn-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(root_);
    std::filesystem::copy(fixture_path("processes/churn/proc"), root_, std::filesystem::copy_options::recursive);
  }
  ~ChurnCopy() { std::filesystem::remove_all(root_); }
  ChurnCopy(const ChurnCopy&) = delete;
  ChurnCopy& operator=(const ChurnCopy&) = delete;

  std::string root() const { return root_.string(); }
  void add_descriptor(const std::string& pid, const std::string& fd) const {
    std::ofstream(root_ / pid / "fd" / fd).put('\n');
  }
  void write(const std::string& relative, const std::string& text) const { std::ofstream(root_ / relative) << text; }

 private:
  std::filesystem::path root_;
};

std::optional<double> group_open_fds(const ProcessSource& source, std::string_view labels) {
  ProcessWindow window;
  std::vector<std::string> info;
  std::string error;
  if (!source.copy_window(window, info, error)) return std::nullopt;
  for (const auto& row : window.groups) {
    if (row.labels == labels) return row.open_fds;
  }
  return std::nullopt;
}

// Descriptors are counted for a process when it is first seen, then at most every fifth
// window, and again at once when its pid names a new process (another start time).
TEST(ProcessSource, RecountsDescriptorsEveryFifthWindowAndForANewProcess) {
  const ChurnCopy churn;
  platform::Roots roots;
  roots.procfs = churn.root();
  ProcessSource source(roots, ProcessesOptions{});
  const std::string_view evil = "name=\"evil) (name x\"";
  source.take_sample(std::chrono::steady_clock::now());
  EXPECT_EQ(group_open_fds(source, evil), 10);  // 100: 7, 101: 3

  churn.add_descriptor("100", "7");
  churn.add_descriptor("100", "8");
  for (int window = 2; window <= 5; ++window) {
    source.take_sample(std::chrono::steady_clock::now());
    EXPECT_EQ(group_open_fds(source, evil), 10) << "window " << window;
  }
  source.take_sample(std::chrono::steady_clock::now());
  EXPECT_EQ(group_open_fds(source, evil), 12);  // window 6: recounted

  // Pid 101 now names another process (a later start time): counted at once.
  churn.add_descriptor("101", "3");
  churn.write("101/stat",
              "101 (evil) (name x) S 1 0 0 0 -1 4194560 100 0 0 0 20 10 0 0 20 0 1 0 1200 52076544 1024 "
              "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
  source.take_sample(std::chrono::steady_clock::now());
  EXPECT_EQ(group_open_fds(source, evil), 13);
}

TEST(ProcessesCollector, TopAndExcludeFlags) {
  auto context = churn_context();
  context.config.set("top", {"1"});
  context.config.set("exclude", {"java"});
  auto collector = processes_collector_definition().create(context);
  std::vector<MetricFamily> families;
  collector->collect(families);
  EXPECT_FALSE(find_value(families, "host_process_group_processes", "name=\"java\"").has_value());
  // Top 1 by CPU (process_api) and by memory (process_api too): the rest, minus java, is "other".
  EXPECT_EQ(test::series_labels(families, "host_process_group_processes"),
            (std::vector<std::string>{"name=\"process_api\"", "name=\"other\""}));
  EXPECT_EQ(find_value(families, "host_process_group_processes", "name=\"other\""), 6);
}

TEST(ProcessesCollector, RejectsBadFlagValues) {
  auto bad_regex = churn_context();
  bad_regex.config.set("include", {"("});
  EXPECT_THROW(processes_collector_definition().create(bad_regex), std::invalid_argument);
  auto bad_top = churn_context();
  bad_top.config.set("top", {"ten"});
  EXPECT_THROW(processes_collector_definition().create(bad_top), std::invalid_argument);
  auto bad_cmdline = churn_context();
  bad_cmdline.config.set("cmdline", {"maybe"});
  EXPECT_THROW(processes_collector_definition().create(bad_cmdline), std::invalid_argument);
}

TEST(ProcessesCollector, AMissingProcfsFailsTheCollectorNotTheProcess) {
  auto context = churn_context();
  context.roots.procfs = fixture_path("processes/does-not-exist");
  auto collector = processes_collector_definition().create(context);
  std::vector<MetricFamily> families;
  EXPECT_THROW(collector->collect(families), std::runtime_error);
}

TEST(ProcessesCollector, IsABuiltinOnByDefault) {
  bool found = false;
  for (const auto& definition : builtin_collectors()) {
    if (definition.name == "processes" || definition.name == "environment") {
      EXPECT_TRUE(definition.enabled_by_default) << definition.name;
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(EnvironmentCollector, InfoAndMeasuresHost) {
  platform::Roots roots;
  const std::string base = fixture_path("environments/docker-desktop-linuxkit");
  roots.procfs = base + "/proc";
  roots.sysfs = base + "/sys";
  roots.rootfs = base + "/root";
  EnvironmentCollector collector(roots, {});
  std::vector<MetricFamily> families;
  collector.collect(families);
  EXPECT_EQ(find_value(families, "host_exporter_environment_info",
                       "platform=\"linux\",virtualization=\"apple\",container=\"none\","
                       "detail=\"Docker Desktop's LinuxKit VM on an Apple Silicon Mac\""),
            1);
  EXPECT_EQ(find_value(families, "host_exporter_measures_host", ""), 0);
}

TEST(EnvironmentCollector, MessageOnlyWhenNotTheHost) {
  platform::EnvironmentReading host;
  EXPECT_TRUE(not_the_host_message(host).empty());
  platform::EnvironmentReading desktop;
  desktop.docker_desktop = true;
  desktop.detail = "Docker Desktop's LinuxKit VM";
  const std::string message = not_the_host_message(desktop);
  EXPECT_NE(message.find("natively"), std::string::npos);
  EXPECT_NE(message.find("host.docker.internal"), std::string::npos);
}

}  // namespace
}  // namespace host_exporter::collectors
