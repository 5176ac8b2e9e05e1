// The loadavg, stat, pressure, uname, os and time collectors, and their place in
// the built-in table.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "collectors/os.hpp"
#include "host_collector_harness.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::collectors {
namespace {

using test::collect;
using test::find_family;
using test::find_value;
using test::make_collector;

TEST(BuiltinTable, HasTheLinuxHostCollectorsOnByDefault) {
  for (const char* name : {"cpu", "loadavg", "meminfo", "os", "pressure", "stat", "time", "uname", "vmstat"}) {
    EXPECT_TRUE(test::builtin_definition(name).enabled_by_default) << name;
  }
  EXPECT_EQ(default_config(test::builtin_definition("vmstat")).get("fields"), "^(oom_kill|pgpg|pswp|pg.*fault).*");
  EXPECT_EQ(default_config(test::builtin_definition("cpu")).get("guest"), "true");
}

// ----------------------------------------------------------------- loadavg

TEST(LoadavgCollector, ThreeGauges) {
  auto collector = make_collector("loadavg", test::fixture_roots("linux-debian12"));
  const auto families = collect(*collector);
  EXPECT_EQ(test::family_names(families), (std::vector<std::string>{"node_load1", "node_load5", "node_load15"}));
  EXPECT_EQ(families[0].type, MetricType::kGauge);
  EXPECT_EQ(families[0].help, "1m load average.");
  std::vector<MetricFamily> broken;
  EXPECT_THROW(make_collector("loadavg", test::fixture_roots("edge/garbage"))->collect(broken), std::runtime_error);
}

// -------------------------------------------------------------------- stat

TEST(StatCollector, KernelCounters) {
  auto collector = make_collector("stat", test::fixture_roots("edge/cpu-hotplug/t0"));
  const auto families = collect(*collector);
  EXPECT_EQ(find_value(families, "node_boot_time_seconds", ""), 1700000000.0);
  EXPECT_EQ(find_value(families, "node_context_switches_total", ""), 987654.0);
  EXPECT_EQ(find_value(families, "node_forks_total", ""), 4321.0);
  EXPECT_EQ(find_value(families, "node_intr_total", ""), 123456.0);
  EXPECT_EQ(find_value(families, "node_procs_running", ""), 2.0);
  EXPECT_EQ(find_value(families, "node_procs_blocked", ""), 0.0);
  EXPECT_EQ(find_family(families, "node_boot_time_seconds")->type, MetricType::kGauge);
  EXPECT_EQ(find_family(families, "node_context_switches_total")->type, MetricType::kCounter);
  EXPECT_EQ(find_family(families, "node_forks_total")->type, MetricType::kCounter);
  EXPECT_EQ(find_family(families, "node_intr_total")->type, MetricType::kCounter);
  EXPECT_EQ(find_family(families, "node_procs_running")->type, MetricType::kGauge);
}

TEST(StatCollector, LinesTheKernelDoesNotPrintAreLeftOut) {
  auto collector = make_collector("stat", test::fixture_roots("edge/stat-four-columns"));
  const auto families = collect(*collector);
  EXPECT_EQ(find_family(families, "node_procs_running"), nullptr);
  EXPECT_EQ(find_value(families, "node_forks_total", ""), 3.0);
}

TEST(StatCollector, ABrokenFileFailsTheCollector) {
  std::vector<MetricFamily> families;
  EXPECT_THROW(make_collector("stat", test::fixture_roots("edge/truncated"))->collect(families), std::runtime_error);
}

// ---------------------------------------------------------------- pressure

TEST(PressureCollector, SixSeriesFromFourResourcesInSeconds) {
  auto collector = make_collector("pressure", test::fixture_roots("edge/pressure-irq"));
  const auto families = collect(*collector);
  EXPECT_EQ(test::family_names(families),
            (std::vector<std::string>{"node_pressure_cpu_waiting_seconds_total", "node_pressure_io_waiting_seconds_total",
                                      "node_pressure_io_stalled_seconds_total",
                                      "node_pressure_memory_waiting_seconds_total",
                                      "node_pressure_memory_stalled_seconds_total",
                                      "node_pressure_irq_stalled_seconds_total"}));
  EXPECT_EQ(find_value(families, "node_pressure_cpu_waiting_seconds_total", ""), 2.5);
  EXPECT_EQ(find_value(families, "node_pressure_io_waiting_seconds_total", ""), 1.0);
  EXPECT_EQ(find_value(families, "node_pressure_io_stalled_seconds_total", ""), 0.5);
  EXPECT_EQ(find_value(families, "node_pressure_memory_waiting_seconds_total", ""), 0.25);
  EXPECT_EQ(find_value(families, "node_pressure_memory_stalled_seconds_total", ""), 0.125);
  EXPECT_EQ(find_value(families, "node_pressure_irq_stalled_seconds_total", ""), 0.0625);
  for (const auto& family : families) EXPECT_EQ(family.type, MetricType::kCounter);
}

TEST(PressureCollector, AKernelBeforeIrqPressureHasNoIrqSeries) {
  auto collector = make_collector("pressure", test::fixture_roots("linux-debian12"));
  const auto families = collect(*collector);
  EXPECT_NE(find_family(families, "node_pressure_cpu_waiting_seconds_total"), nullptr);
  EXPECT_NE(find_family(families, "node_pressure_memory_stalled_seconds_total"), nullptr);
  const bool has_irq_file = std::filesystem::exists(test::fixture_path("linux-debian12/proc/pressure/irq"));
  EXPECT_EQ(find_family(families, "node_pressure_irq_stalled_seconds_total") != nullptr, has_irq_file);
}

TEST(PressureCollector, NoPsiMeansNoSeriesAndNoFailure) {
  auto collector = make_collector("pressure", test::fixture_roots("edge/pressure-missing"));
  std::vector<MetricFamily> families;
  EXPECT_NO_THROW(collector->collect(families));
  EXPECT_NO_THROW(collector->collect(families));
  EXPECT_TRUE(families.empty());
}

TEST(PressureCollector, ABrokenFileFailsTheCollector) {
  std::vector<MetricFamily> families;
  EXPECT_THROW(make_collector("pressure", test::fixture_roots("edge/truncated"))->collect(families),
               std::runtime_error);
  EXPECT_THROW(make_collector("pressure", test::fixture_roots("edge/garbage"))->collect(families),
               std::runtime_error);
}

// ------------------------------------------------------------------- uname

TEST(UnameCollector, OneSeriesWithTheKernelsNamesInLabelOrder) {
  const auto roots = test::fixture_roots("linux-debian12");
  auto collector = make_collector("uname", roots);
  const auto families = collect(*collector);
  ASSERT_EQ(families.size(), 1u);
  EXPECT_EQ(families[0].name, "node_uname_info");
  EXPECT_EQ(families[0].type, MetricType::kGauge);
  ASSERT_EQ(families[0].series.size(), 1u);
  EXPECT_EQ(families[0].series[0].scalar(), 1.0);
  const auto labels = parse_label_text(families[0].series[0].labels);
  ASSERT_TRUE(labels.has_value());
  std::vector<std::string> names;
  for (const auto& [name, value] : *labels) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"domainname", "machine", "nodename", "release", "sysname", "version"}));
  auto first_line = [&](const char* file) {
    std::string text = platform::read_file_or_empty(roots.proc(std::string("sys/kernel/") + file));
    return text.substr(0, text.find('\n'));
  };
  EXPECT_EQ((*labels)[0].second, first_line("domainname"));
  EXPECT_EQ((*labels)[2].second, first_line("hostname"));
  EXPECT_EQ((*labels)[3].second, first_line("osrelease"));
  EXPECT_EQ((*labels)[4].second, "Linux");
  EXPECT_EQ((*labels)[5].second, first_line("version"));
}

TEST(UnameCollector, AMissingFileFailsTheCollector) {
  std::vector<MetricFamily> families;
  EXPECT_THROW(make_collector("uname", test::fixture_roots("edge/uname-missing"))->collect(families),
               std::runtime_error);
}

// ---------------------------------------------------------------------- os

TEST(OsCollector, DebianAsNodeExporterLabelsIt) {
  auto collector = make_collector("os", test::fixture_roots("linux-debian12"));
  const auto families = collect(*collector);
  EXPECT_EQ(find_value(families, "node_os_info",
                       R"x(build_id="",id="debian",id_like="",image_id="",image_version="",name="Debian GNU/Linux",)x"
                       R"x(pretty_name="Debian GNU/Linux 12 (bookworm)",variant="",variant_id="",version="12 (bookworm)",)x"
                       R"x(version_codename="bookworm",version_id="12")x"),
            1.0);
  EXPECT_EQ(find_value(families, "node_os_version", R"x(id="debian",id_like="",name="Debian GNU/Linux")x"), 12.0);
  EXPECT_EQ(find_family(families, "node_os_support_end_timestamp_seconds"), nullptr);
}

TEST(OsCollector, FallsBackToUsrLibWithEveryLabelAndTheSupportEnd) {
  auto collector = make_collector("os", test::fixture_roots("edge/os-release-usr-lib"));
  const auto families = collect(*collector);
  EXPECT_EQ(find_value(families, "node_os_info",
                       R"x(build_id="20240101",id="example",id_like="ubuntu debian",image_id="cloud",)x"
                       R"x(image_version="1.2",name="Example Linux",pretty_name="Example Linux 22.04.3 \"Jammy\" $HOME",)x"
                       R"x(variant="Server Edition",variant_id="server",version="22.04.3 LTS (Jammy Jellyfish)",)x"
                       R"x(version_codename="jammy",version_id="22.04.3")x"),
            1.0);
  EXPECT_EQ(find_value(families, "node_os_version", R"x(id="example",id_like="ubuntu debian",name="Example Linux")x"),
            22.04);
  EXPECT_EQ(find_value(families, "node_os_support_end_timestamp_seconds", ""), 1814313600.0);  // 2027-06-30 UTC
}

TEST(OsCollector, NoFileFailsTheCollector) {
  std::vector<MetricFamily> families;
  EXPECT_THROW(make_collector("os", test::fixture_roots("edge/pressure-missing"))->collect(families),
               std::runtime_error);
}

TEST(OsCollector, ReadsTheFileAtMostOncePerRefreshInterval) {
  const auto root = std::filesystem::temp_directory_path() / ("hx-os-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "etc");
  auto write = [&](const char* version) {
    std::ofstream(root / "etc/os-release") << "ID=test\nVERSION_ID=" << version << "\n";
  };
  platform::Roots roots;
  roots.rootfs = root.string();

  write("1.0");
  OsCollector cached(roots, std::chrono::hours(1));
  OsCollector fresh(roots, std::chrono::steady_clock::duration::zero());
  EXPECT_EQ(find_value(collect(cached), "node_os_version", R"(id="test",id_like="",name="")"), 1.0);
  EXPECT_EQ(find_value(collect(fresh), "node_os_version", R"(id="test",id_like="",name="")"), 1.0);
  write("2.5");
  EXPECT_EQ(find_value(collect(cached), "node_os_version", R"(id="test",id_like="",name="")"), 1.0);
  EXPECT_EQ(find_value(collect(fresh), "node_os_version", R"(id="test",id_like="",name="")"), 2.5);
  std::filesystem::remove_all(root);
}

TEST(OsVersion, IsTheLeadingMajorMinor) {
  EXPECT_EQ(os_major_minor_version("12"), 12.0);
  EXPECT_EQ(os_major_minor_version("22.04"), 22.04);
  EXPECT_EQ(os_major_minor_version("3.18.4"), 3.18);
  EXPECT_EQ(os_major_minor_version("7."), 7.0);
  EXPECT_EQ(os_major_minor_version("rolling"), std::nullopt);
  EXPECT_EQ(os_major_minor_version(""), std::nullopt);
  EXPECT_EQ(os_support_end_seconds("1970-01-02"), 86400.0);
  EXPECT_EQ(os_support_end_seconds("2027-02-30"), std::nullopt);
  EXPECT_EQ(os_support_end_seconds("soon"), std::nullopt);
}

// -------------------------------------------------------------------- time

TEST(TimeCollector, ClockZoneAndClocksources) {
  ::setenv("TZ", "UTC0", 1);
  ::tzset();
  auto collector = make_collector("time", test::fixture_roots("edge/clocksource-two"));
  const auto families = collect(*collector);
  ::unsetenv("TZ");
  ::tzset();
  const MetricFamily* now = find_family(families, "node_time_seconds");
  ASSERT_NE(now, nullptr);
  EXPECT_EQ(now->type, MetricType::kGauge);
  EXPECT_EQ(now->series.size(), 1u);
  EXPECT_EQ(find_value(families, "node_time_zone_offset_seconds", R"(time_zone="UTC")"), 0.0);
  EXPECT_EQ(test::series_labels(families, "node_time_clocksource_available_info"),
            (std::vector<std::string>{R"(clocksource="tsc",device="0")", R"(clocksource="hpet",device="0")",
                                      R"(clocksource="acpi_pm",device="0")",
                                      R"(clocksource="arch_sys_counter",device="1")"}));
  EXPECT_EQ(test::series_labels(families, "node_time_clocksource_current_info"),
            (std::vector<std::string>{R"(clocksource="tsc",device="0")", R"(clocksource="arch_sys_counter",device="1")"}));
}

TEST(TimeCollector, NoClocksourceDirectoryLeavesThoseFamiliesOut) {
  auto collector = make_collector("time", test::fixture_roots("edge/pressure-missing"));
  const auto families = collect(*collector);
  EXPECT_NE(find_family(families, "node_time_seconds"), nullptr);
  EXPECT_EQ(find_family(families, "node_time_clocksource_current_info"), nullptr);
}

}  // namespace
}  // namespace host_exporter::collectors
