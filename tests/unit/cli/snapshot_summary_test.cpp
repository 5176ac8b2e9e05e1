#include "cli/snapshot_summary.hpp"

#include <gtest/gtest.h>

#include "cli/human_units.hpp"

namespace host_exporter::cli {
namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;

MetricFamily gauge(std::string name, std::vector<Series> series) {
  return {std::move(name), "h", MetricType::kGauge, std::move(series)};
}
MetricFamily gauge(std::string name, double value) { return gauge(std::move(name), {{"", value, {}}}); }

// One scrape of a small host, by hand.
std::vector<MetricFamily> host_families() {
  return {
      gauge("node_uname_info", {{R"(machine="x86_64",nodename="box",release="6.1.0-13-amd64",sysname="Linux")", 1.0, {}}}),
      gauge("node_time_seconds", 1'700'000'000 + 3 * 86400 + 4 * 3600 + 5 * 60),
      gauge("node_boot_time_seconds", 1'700'000'000),
      gauge("host_exporter_environment_info",
            {{R"(platform="linux",virtualization="none",container="none",detail="bare metal")", 1.0, {}}}),
      gauge("host_exporter_measures_host", 1),
      gauge("host_cpu_utilization_ratio", 0.374),
      gauge("host_cpu_core_utilization_ratio",
            {{R"(cpu="0")", 0.5, {}}, {R"(cpu="10")", 0.06, {}}, {R"(cpu="2")", 1.0, {}}, {R"(cpu="1")", 0.004, {}}}),
      gauge("node_load1", 1.5),
      gauge("node_load5", 0.75),
      gauge("node_load15", 0.25),
      gauge("host_memory_total_bytes", 16 * kGiB),
      gauge("host_memory_used_bytes", 4 * kGiB),
      gauge("host_memory_available_bytes", 12 * kGiB),
      gauge("host_memory_cached_bytes", 6 * kGiB),
      gauge("host_memory_free_bytes", 2 * kGiB),
      gauge("host_swap_total_bytes", 8 * kGiB),
      gauge("host_swap_used_bytes", 2 * kGiB),
      gauge("host_filesystem_used_ratio", {{R"(mountpoint="/home")", 0.996, {}}, {R"(mountpoint="/")", 0.5, {}}}),
      gauge("node_filesystem_size_bytes",
            {{R"(device="/dev/sda1",mountpoint="/",fstype="ext4")", 100 * kGiB, {}},
             {R"(device="/dev/sda2",mountpoint="/home",fstype="ext4")", 500 * kGiB, {}}}),
      gauge("host_disk_read_bytes_per_second",
            {{R"(device="sda")", 1024.0 * 1024, {}}, {R"(device="sdb")", 0.0, {}}, {R"(device="nvme0n1")", 10.0, {}}}),
      gauge("host_disk_write_bytes_per_second",
            {{R"(device="sda")", 0.0, {}}, {R"(device="sdb")", 0.0, {}}, {R"(device="nvme0n1")", 5 * 1024.0 * 1024, {}}}),
      gauge("host_network_receive_bytes_per_second", {{R"(device="lo")", 100.0, {}}, {R"(device="eth0")", 2048.0, {}}}),
      gauge("host_network_transmit_bytes_per_second", {{R"(device="lo")", 100.0, {}}, {R"(device="eth0")", 512.0, {}}}),
      gauge("process_open_fds", 9),
  };
}

std::size_t line_of(const std::string& text, std::string_view needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return std::string::npos;
  return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::string line(const std::string& text, std::string_view needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return "";
  const auto start = text.rfind('\n', at);
  const auto end = text.find('\n', at);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1));
}

TEST(HumanUnits, BtopStyle) {
  EXPECT_EQ(human_bytes(512), "512 B");
  EXPECT_EQ(human_bytes(1536), "1.5 KiB");
  EXPECT_EQ(human_bytes(16 * kGiB), "16.0 GiB");
  EXPECT_EQ(human_rate(2048), "2.0 KiB/s");
  EXPECT_EQ(human_percent(0.374), "37%");
  EXPECT_EQ(human_percent(0.375), "38%");
  EXPECT_EQ(human_percent(0.125), "13%");  // btop rounds half away from zero, printf to even
  EXPECT_EQ(human_percent(0.996, true), "99.6%");
  EXPECT_EQ(human_span(3 * 86400 + 4 * 3600 + 5 * 60), "3d 4h");
  EXPECT_EQ(human_span(2 * 3600 + 5 * 60 + 7), "2h 5m");
  EXPECT_EQ(human_span(51 * 60 + 59), "51m");
  EXPECT_EQ(human_span(42), "42s");
  EXPECT_EQ(text_meter(0.5, 10), "[#####     ]");
  EXPECT_EQ(text_meter(2.0, 4), "[####]");
  EXPECT_EQ(text_meter(-1.0, 4), "[    ]");
}

TEST(SnapshotSummary, FormatValueKeepsItsUnits) {
  EXPECT_EQ(format_value("node_memory_MemTotal_bytes", 16 * kGiB), "16.0 GiB");
  EXPECT_EQ(format_value("x_bytes", 512), "512 B");
  EXPECT_EQ(format_value("host_cpu_utilization_ratio", 0.125), "12.5%");
  EXPECT_EQ(format_value("node_scrape_collector_duration_seconds", 0.0123), "0.0123 s");
  EXPECT_EQ(format_value("node_boot_time_seconds", 1700000000), "1700000000");
  EXPECT_EQ(format_value("node_procs_running", 3), "3");
}

TEST(SnapshotSummary, HeaderNamesHostKernelUptimeAndWhatIsMeasured) {
  const std::string text = render_snapshot_summary(host_families());
  EXPECT_EQ(line_of(text, "box  Linux 6.1.0-13-amd64  up 3d 4h"), 0u) << text;
  EXPECT_NE(line(text, "Measuring: bare metal").find("the host itself"), std::string::npos) << text;

  auto elsewhere = host_families();
  for (auto& family : elsewhere) {
    if (family.name == "host_exporter_measures_host") family.series[0].value = 0.0;
  }
  EXPECT_NE(line(render_snapshot_summary(elsewhere), "Measuring:").find("NOT the host"), std::string::npos);
}

TEST(SnapshotSummary, CpuTotalPerCoreInNumericOrderAndLoad) {
  const std::string text = render_snapshot_summary(host_families());
  const std::string total = line(text, "CPU");
  EXPECT_NE(total.find("37.4%"), std::string::npos) << total;
  EXPECT_NE(total.find("[#######             ]"), std::string::npos) << total;
  EXPECT_NE(total.find("load 1.50 0.75 0.25"), std::string::npos) << total;
  const std::string cores = line(text, "cpu0");
  EXPECT_LT(cores.find("cpu0"), cores.find("cpu1 "));
  EXPECT_LT(cores.find("cpu1 "), cores.find("cpu2"));
  EXPECT_LT(cores.find("cpu2"), cores.find("cpu10"));
  EXPECT_NE(cores.find("  cpu2  100%  cpu10   6%"), std::string::npos) << cores;
  EXPECT_EQ(cores, "  cpu0   50%  cpu1    0%  cpu2  100%  cpu10   6%");
}

TEST(SnapshotSummary, MemoryBoxesShareOfTotalAndSwap) {
  const std::string text = render_snapshot_summary(host_families());
  EXPECT_NE(line(text, "Memory").find("total 16.0 GiB"), std::string::npos) << text;
  EXPECT_EQ(line(text, "Used"), "  Used          4.0 GiB   25%  [###       ]");
  EXPECT_EQ(line(text, "Available"), "  Available    12.0 GiB   75%  [########  ]");
  EXPECT_EQ(line(text, "Cached"), "  Cached        6.0 GiB   38%  [####      ]");
  EXPECT_EQ(line(text, "Free"), "  Free          2.0 GiB   13%  [#         ]");
  EXPECT_EQ(line(text, "Swap"), "  Swap          2.0 GiB   25%  [###       ] of 8.0 GiB");
  EXPECT_LT(line_of(text, "Used"), line_of(text, "Available"));
  EXPECT_LT(line_of(text, "Cached"), line_of(text, "Free"));
}

TEST(SnapshotSummary, FilesystemsByMountpointWithSizes) {
  const std::string text = render_snapshot_summary(host_families());
  EXPECT_EQ(line(text, "  / "), "  /           50.0%  [#####     ]  50.0 GiB / 100.0 GiB");
  EXPECT_EQ(line(text, "/home"), "  /home       99.6%  [##########]  498.0 GiB / 500.0 GiB");
  EXPECT_LT(line_of(text, "  / "), line_of(text, "/home"));

  const std::vector<MetricFamily> deep{
      gauge("host_filesystem_used_ratio", {{R"(mountpoint="/mnt/sandbox/model_tools_env/v1/python")", 0.0, {}}})};
  EXPECT_EQ(line(render_snapshot_summary(deep), "python"), "  ...l_tools_env/v1/python   0.0%  [          ]");
}

TEST(SnapshotSummary, BusiestDisksAndInterfacesFirst) {
  auto families = host_families();
  const std::string all = render_snapshot_summary(families);
  EXPECT_NE(all.find("Disks (busiest 3 of 3)"), std::string::npos) << all;
  EXPECT_LT(line_of(all, "nvme0n1"), line_of(all, "sda"));
  EXPECT_LT(line_of(all, "sda"), line_of(all, "sdb"));
  EXPECT_NE(line(all, "nvme0n1").find("10 B/s"), std::string::npos);
  EXPECT_NE(line(all, "nvme0n1").find("5.0 MiB/s"), std::string::npos);
  EXPECT_LT(line_of(all, "eth0"), line_of(all, "lo "));
  EXPECT_NE(line(all, "eth0").find("2.0 KiB/s"), std::string::npos);

  const std::string two = render_snapshot_summary(families, {.color = false, .busiest_rows = 2});
  EXPECT_NE(two.find("Disks (busiest 2 of 3)"), std::string::npos);
  EXPECT_EQ(two.find("sdb"), std::string::npos);
}

TEST(SnapshotSummary, LeavesOutSectionsWithoutFamilies) {
  const std::vector<MetricFamily> memory_only{gauge("host_memory_total_bytes", 4 * kGiB),
                                              gauge("host_memory_used_bytes", 1 * kGiB)};
  const std::string text = render_snapshot_summary(memory_only);
  EXPECT_NE(text.find("Memory"), std::string::npos);
  EXPECT_NE(text.find("Used"), std::string::npos);
  for (const char* absent : {"CPU", "Measuring", "Filesystems", "Disks", "Network", "Swap", "Available"}) {
    EXPECT_EQ(text.find(absent), std::string::npos) << absent;
  }
  EXPECT_NE(render_snapshot_summary({}).find("No host metrics"), std::string::npos);
}

TEST(SnapshotSummary, ColoursOnlyWhenAsked) {
  const std::string plain = render_snapshot_summary(host_families());
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  const std::string coloured = render_snapshot_summary(host_families(), {.color = true});
  EXPECT_NE(coloured.find("\x1b[31m[##########]\x1b[0m"), std::string::npos);  // /home, 99.6 %: red
  EXPECT_NE(coloured.find("\x1b[32m[#####     ]\x1b[0m"), std::string::npos);  // /, 50 %: green
}

}  // namespace
}  // namespace host_exporter::cli
