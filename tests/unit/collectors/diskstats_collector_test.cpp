// The diskstats collector: node_exporter's node_disk_* families from recorded
// and hand-made /proc/diskstats, and per-second rates over a controlled window.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "collectors/diskstats.hpp"
#include "collectors/definitions.hpp"
#include "family_lookup.hpp"
#include "rate_fixture_tree.hpp"

namespace host_exporter::collectors {
namespace {

using test::collect;
using test::find_family;
using test::find_value;
using test::fixture_roots;
using test::series_labels;

DeviceFilter default_filter() {
  return DeviceFilter::from_flags(kDiskstatsDefaultExclude, kDiskstatsDefaultExclude, "", "disk");
}

TEST(DiskstatsCollector, ExportsOnlyTheCountersEachLineHas) {
  DiskstatsCollector collector(fixture_roots("edge/diskstats-kernel-layouts"), default_filter(), nullptr);
  std::vector<MetricFamily> out;
  collector.collect(out);

  // Partitions, loop and zram devices are dropped by the default exclude.
  const std::vector<std::string> kept = {R"(device="sda")", R"(device="nvme0n1")", R"(device="vda")",
                                         R"(device="dm-0")"};
  EXPECT_EQ(series_labels(out, "node_disk_reads_completed_total"), kept);
  EXPECT_EQ(series_labels(out, "node_disk_io_time_weighted_seconds_total"), kept);
  EXPECT_EQ(series_labels(out, "node_disk_discards_completed_total"),
            (std::vector<std::string>{R"(device="nvme0n1")", R"(device="vda")", R"(device="dm-0")"}));
  EXPECT_EQ(series_labels(out, "node_disk_flush_requests_total"),
            (std::vector<std::string>{R"(device="vda")", R"(device="dm-0")"}));
  EXPECT_EQ(find_family(out, "host_disk_read_bytes_per_second"), nullptr);  // no sampler, no rates
}

TEST(DiskstatsCollector, ConvertsSectorsToBytesAndMillisecondsToSeconds) {
  DiskstatsCollector collector(fixture_roots("edge/diskstats-kernel-layouts"), default_filter(), nullptr);
  std::vector<MetricFamily> out;
  collector.collect(out);
  const std::string sda = R"(device="sda")";
  EXPECT_EQ(find_value(out, "node_disk_reads_completed_total", sda), 25354637.0);
  EXPECT_EQ(find_value(out, "node_disk_reads_merged_total", sda), 34367663.0);
  EXPECT_EQ(find_value(out, "node_disk_read_bytes_total", sda), 1003346126.0 * 512);
  EXPECT_DOUBLE_EQ(*find_value(out, "node_disk_read_time_seconds_total", sda), 18492.372);
  EXPECT_EQ(find_value(out, "node_disk_writes_completed_total", sda), 28444756.0);
  EXPECT_EQ(find_value(out, "node_disk_writes_merged_total", sda), 11134226.0);
  EXPECT_EQ(find_value(out, "node_disk_written_bytes_total", sda), 505697032.0 * 512);
  EXPECT_DOUBLE_EQ(*find_value(out, "node_disk_write_time_seconds_total", sda), 63877.96);
  EXPECT_EQ(find_value(out, "node_disk_io_now", sda), 0.0);
  EXPECT_DOUBLE_EQ(*find_value(out, "node_disk_io_time_seconds_total", sda), 9653.88);
  EXPECT_DOUBLE_EQ(*find_value(out, "node_disk_io_time_weighted_seconds_total", sda), 82621.804);

  const std::string nvme = R"(device="nvme0n1")";
  EXPECT_EQ(find_value(out, "node_disk_io_now", nvme), 1.0);
  EXPECT_EQ(find_value(out, "node_disk_discards_completed_total", nvme), 3.0);
  EXPECT_EQ(find_value(out, "node_disk_discarded_sectors_total", nvme), 12345.0);  // sectors, as node_exporter
  EXPECT_DOUBLE_EQ(*find_value(out, "node_disk_discard_time_seconds_total", nvme), 0.009);

  const std::string dm = R"(device="dm-0")";
  EXPECT_EQ(find_value(out, "node_disk_flush_requests_total", dm), 7.0);
  EXPECT_DOUBLE_EQ(*find_value(out, "node_disk_flush_requests_time_seconds_total", dm), 0.011);

  EXPECT_EQ(find_family(out, "node_disk_io_now")->type, MetricType::kGauge);
  EXPECT_EQ(find_family(out, "node_disk_read_bytes_total")->type, MetricType::kCounter);
  EXPECT_EQ(find_family(out, "node_disk_read_bytes_total")->help, "The total number of bytes read successfully.");
}

TEST(DiskstatsCollector, ReadsTheRecordedDebian12File) {
  DiskstatsCollector collector(fixture_roots("linux-debian12"), default_filter(), nullptr);
  std::vector<MetricFamily> out;
  collector.collect(out);
  // The VM has vda (kept), loop0..7 and zram0 (excluded by default).
  EXPECT_EQ(series_labels(out, "node_disk_reads_completed_total"), std::vector<std::string>{R"(device="vda")"});
  EXPECT_TRUE(find_value(out, "node_disk_flush_requests_time_seconds_total", R"(device="vda")"));
}

TEST(DiskstatsCollector, LabelsDiskInfoFromUdevAsNodeExporter15) {
  DiskstatsCollector collector(fixture_roots("edge/diskstats-kernel-layouts"), default_filter(), nullptr);
  std::vector<MetricFamily> out;
  collector.collect(out);
  const MetricFamily* info = find_family(out, "node_disk_info");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->type, MetricType::kGauge);
  EXPECT_EQ(info->help, "Info of /sys/block/<block_device>.");
  EXPECT_EQ(series_labels(out, "node_disk_info"),
            (std::vector<std::string>{
                R"(device="sda",major="8",minor="0",model="Samsung_SSD_860_EVO_500GB",path="pci-0000:00:17.0-ata-1",)"
                R"(revision="RVT04B6Q",serial="S3Z2NB0K123456X",wwn="0x5002538e40a1b2c3")",
                // Quote and backslash of the model escaped.
                R"(device="nvme0n1",major="259",minor="0",model="WDC PC SN730 \"SDBQNTY\"-512G\\1001",)"
                R"(path="pci-0000:02:00.0-nvme-1",revision="11170101",serial="2030A1B2C3D4",)"
                R"(wwn="eui.e8238fa6bf530001001b448b4a1b2c3d")",
                // Malformed entry: its good ID_PATH kept.
                R"(device="vda",major="254",minor="0",model="",path="virtio-pci-0000:00:05.0",revision="",serial="",wwn="")",
                // No entry: empty labels, as upstream.
                R"(device="dm-0",major="253",minor="0",model="",path="",revision="",serial="",wwn="")"}));
  for (const auto& series : info->series) EXPECT_EQ(series.scalar(), 1.0);
}

TEST(DiskstatsCollector, RereadsUdevOnlyWhenTheSetOfDisksChanges) {
  test::RateFixtureTree tree;
  const auto write = [&](const std::filesystem::path& relative, const std::string& text) {
    std::filesystem::create_directories((tree.path() / relative).parent_path());
    std::ofstream(tree.path() / relative) << text;
  };
  const std::string sda = "   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n";
  write("proc/diskstats", sda);
  write("udev/data/b8:0", "E:ID_MODEL=first\n");
  DiskstatsCollector collector(tree.roots(), default_filter(), nullptr);
  const auto info = [&] { return series_labels(collect(collector), "node_disk_info"); };
  const std::string first = R"(device="sda",major="8",minor="0",model="first",path="",revision="",serial="",wwn="")";
  EXPECT_EQ(info(), std::vector<std::string>{first});

  write("udev/data/b8:0", "E:ID_MODEL=second\n");
  EXPECT_EQ(info(), std::vector<std::string>{first});  // same disks: the kept labels

  write("proc/diskstats", sda + "   8      16 sdb 1 2 3 4 5 6 7 8 9 10 11\n");
  EXPECT_EQ(info(), (std::vector<std::string>{
                        R"(device="sda",major="8",minor="0",model="second",path="",revision="",serial="",wwn="")",
                        R"(device="sdb",major="8",minor="16",model="",path="",revision="",serial="",wwn="")"}));
}

TEST(DiskstatsCollector, ATruncatedFileFailsTheCollector) {
  DiskstatsCollector collector(fixture_roots("edge/diskstats-truncated"), default_filter(), nullptr);
  std::vector<MetricFamily> out;
  EXPECT_THROW(collector.collect(out), std::runtime_error);
}

TEST(DiskstatsDefinition, IncludeReplacesTheDefaultExcludeAndExplicitBothIsRefused) {
  const CollectorDefinition definition = diskstats_collector_definition();
  CollectorContext context;
  context.roots = fixture_roots("edge/diskstats-kernel-layouts");
  context.config = default_config(definition);
  context.config.set("device-include", {"^nvme"});
  auto collector = definition.create(context);
  std::vector<MetricFamily> out;
  collector->collect(out);
  EXPECT_EQ(series_labels(out, "node_disk_reads_completed_total"),
            (std::vector<std::string>{R"(device="nvme0n1")", R"(device="nvme0n1p1")"}));

  context.config.set("device-exclude", {"^loop"});
  EXPECT_THROW(definition.create(context), std::invalid_argument);
}

TEST(DiskRateSampler, GivesBytesPerSecondOnlyAfterAFullWindow) {
  test::RateFixtureTree tree;
  auto source = std::make_shared<RateSource>("disk", default_filter(), disk_rate_sampler(tree.roots()));
  DiskstatsCollector collector(tree.roots(), default_filter(), source);
  const auto t0 = std::chrono::steady_clock::time_point(std::chrono::seconds(1000));

  tree.sample(*source, "edge/diskstats-rates/t0", "diskstats", t0);
  EXPECT_EQ(find_family(collect(collector), "host_disk_read_bytes_per_second"), nullptr);  // no window yet

  tree.sample(*source, "edge/diskstats-rates/t1", "diskstats", t0 + std::chrono::seconds(2));
  const std::vector<MetricFamily> after = collect(collector);
  // vda read 4000 and wrote 2000 sectors of 512 bytes in 2 s; vda1 is a partition.
  EXPECT_EQ(series_labels(after, "host_disk_read_bytes_per_second"), std::vector<std::string>{R"(device="vda")"});
  EXPECT_DOUBLE_EQ(*find_value(after, "host_disk_read_bytes_per_second", R"(device="vda")"), 1024000.0);
  EXPECT_DOUBLE_EQ(*find_value(after, "host_disk_write_bytes_per_second", R"(device="vda")"), 512000.0);
  EXPECT_EQ(find_family(after, "host_disk_write_bytes_per_second")->type, MetricType::kGauge);
}

}  // namespace
}  // namespace host_exporter::collectors
