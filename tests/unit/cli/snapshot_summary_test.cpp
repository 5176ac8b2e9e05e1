#include "cli/snapshot_summary.hpp"

#include <gtest/gtest.h>

namespace host_exporter::cli {
namespace {

TEST(SnapshotSummary, ValuesCarryTheirUnits) {
  EXPECT_EQ(format_value("node_memory_MemTotal_bytes", 16.0 * 1024 * 1024 * 1024), "16.0 GiB");
  EXPECT_EQ(format_value("x_bytes", 512), "512 B");
  EXPECT_EQ(format_value("host_cpu_utilisation_ratio", 0.125), "12.5%");
  EXPECT_EQ(format_value("node_scrape_collector_duration_seconds", 0.0123), "0.0123 s");
  EXPECT_EQ(format_value("node_boot_time_seconds", 1700000000), "1700000000");
  EXPECT_EQ(format_value("node_procs_running", 3), "3");
}

TEST(SnapshotSummary, GroupsFamiliesBySubsystem) {
  const std::vector<MetricFamily> families{
      {"node_memory_MemFree_bytes", "h", MetricType::kGauge, {{"", 1024.0, {}}}},
      {"node_load1", "h", MetricType::kGauge, {{"", 0.5, {}}}},
      {"node_memory_MemTotal_bytes", "h", MetricType::kGauge, {{"", 2048.0, {}}}},
      {"process_open_fds", "h", MetricType::kGauge, {{"", 9.0, {}}}},
      {"empty_family", "h", MetricType::kGauge, {}},
  };
  const std::string text = render_snapshot_summary(families);
  const auto memory = text.find("node_memory\n");
  ASSERT_NE(memory, std::string::npos) << text;
  EXPECT_LT(memory, text.find("node_memory_MemFree_bytes"));
  EXPECT_LT(text.find("node_memory_MemFree_bytes"), text.find("node_memory_MemTotal_bytes"));
  EXPECT_NE(text.find("1.0 KiB"), std::string::npos);
  EXPECT_NE(text.find("process\n"), std::string::npos);
  EXPECT_EQ(text.find("empty_family"), std::string::npos);
}

}  // namespace
}  // namespace host_exporter::cli
