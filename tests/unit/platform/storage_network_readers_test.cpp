// Readers behind the filesystem, diskstats, netdev and hwmon collectors, on
// files recorded from a Debian 12 VM and on hand-made edge cases.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/linux/diskstats_reader.hpp"
#include "platform/linux/hwmon_reader.hpp"
#include "platform/linux/mounts_reader.hpp"
#include "platform/linux/net_device_counter.hpp"
#include "platform/linux/netdev_reader.hpp"
#include "platform/linux/proc_file.hpp"
#include "platform/linux/udev_reader.hpp"
#include "support/fixtures.hpp"

namespace host_exporter::platform {
namespace {

using test::fixture_path;
using test::fixture_roots;

std::size_t count_lines(const std::string& text) {
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

const MountEntry* find_mount(const MountsReading& reading, std::string_view mountpoint) {
  for (const auto& mount : reading.mounts) {
    if (mount.mountpoint == mountpoint) return &mount;
  }
  return nullptr;
}

// --- mounts -------------------------------------------------------------------

TEST(MountsReader, ReadsPid1MountsRecordedOnDebian12) {
  MountsReader reader(fixture_roots("linux-debian12"));
  MountsReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  EXPECT_EQ(reading.path, fixture_path("linux-debian12/proc/1/mounts"));
  EXPECT_EQ(reading.mounts.size(), count_lines(read_file_or_empty(reading.path)));
  const MountEntry* root = find_mount(reading, "/");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->device, "/dev/vda");
  EXPECT_EQ(root->fstype, "ext4");
  EXPECT_EQ(root->options.substr(0, 3), "rw,");
}

TEST(MountsReader, DecodesOctalEscapesInMountPoints) {
  MountsReader reader(fixture_roots("edge/mounts-escaped"));
  MountsReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  ASSERT_EQ(reading.mounts.size(), 9u);
  const MountEntry* backup = find_mount(reading, "/mnt/backup disk");
  ASSERT_NE(backup, nullptr);
  EXPECT_EQ(backup->device, "/dev/vdb");
  EXPECT_EQ(backup->options, "ro,relatime");
  EXPECT_NE(find_mount(reading, "/srv/tab\there\\x"), nullptr);
}

TEST(MountsReader, FallsBackToProcMountsWhenPid1IsHidden) {
  MountsReader reader(fixture_roots("edge/mounts-no-pid1"));
  MountsReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  EXPECT_EQ(reading.path, fixture_path("edge/mounts-no-pid1/proc/mounts"));
  ASSERT_EQ(reading.mounts.size(), 1u);
  EXPECT_EQ(reading.mounts[0].device, "/dev/sda1");
}

TEST(MountsReader, NoMountTableIsAnError) {
  MountsReader reader(fixture_roots("edge/no-such-tree"));
  MountsReading reading;
  EXPECT_FALSE(reader.read(reading));
  EXPECT_NE(reading.error.find("mounts"), std::string::npos);
}

TEST(MountsParser, ALineWithTooFewFieldsIsAnError) {
  MountsReading reading;
  EXPECT_FALSE(parse_mounts("/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /data\n", reading));
  EXPECT_NE(reading.error.find("/dev/sdb1 /data"), std::string::npos);
}

TEST(MountsParser, ReusesEntriesAndShrinksToTheNewTable) {
  MountsReading reading;
  ASSERT_TRUE(parse_mounts("a /a ext4 rw 0 0\nb /b ext4 rw 0 0\n", reading));
  ASSERT_TRUE(parse_mounts("c /c xfs ro 0 0\n", reading));
  ASSERT_EQ(reading.mounts.size(), 1u);
  EXPECT_EQ(reading.mounts[0].mountpoint, "/c");
  EXPECT_EQ(reading.mounts[0].options, "ro");
}

TEST(MountsParser, LeavesIncompleteEscapesAlone) {
  std::string out;
  decode_mount_escapes("/a\\04", out);
  EXPECT_EQ(out, "/a\\04");
  decode_mount_escapes("/a\\999b", out);
  EXPECT_EQ(out, "/a\\999b");
  decode_mount_escapes("/a\\012b", out);
  EXPECT_EQ(out, "/a\nb");
}

// --- diskstats ----------------------------------------------------------------

const DiskStatsLine* find_disk(const DiskStatsReading& reading, std::string_view device) {
  for (const auto& disk : reading.disks) {
    if (disk.device == device) return &disk;
  }
  return nullptr;
}

TEST(DiskStatsReader, ReadsEveryLineRecordedOnDebian12) {
  DiskStatsReader reader(fixture_roots("linux-debian12"));
  DiskStatsReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  EXPECT_EQ(reading.disks.size(), count_lines(read_file_or_empty(fixture_path("linux-debian12/proc/diskstats"))));
  const DiskStatsLine* vda = find_disk(reading, "vda");
  ASSERT_NE(vda, nullptr);
  EXPECT_EQ(vda->major, 254u);
  EXPECT_EQ(vda->stat_count, 17u);  // Linux 6.x: discards and flushes
}

TEST(DiskStatsReader, KeepsHowManyCountersEachKernelLayoutHas) {
  DiskStatsReader reader(fixture_roots("edge/diskstats-kernel-layouts"));
  DiskStatsReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  ASSERT_EQ(reading.disks.size(), 8u);

  const DiskStatsLine* sda = find_disk(reading, "sda");  // before 4.18
  ASSERT_NE(sda, nullptr);
  EXPECT_EQ(sda->stat_count, 11u);
  EXPECT_EQ(sda->stats[kReadsCompleted], 25354637u);
  EXPECT_EQ(sda->stats[kSectorsRead], 1003346126u);
  EXPECT_EQ(sda->stats[kWeightedIoMillis], 82621804u);
  EXPECT_EQ(sda->stats[kDiscardsCompleted], 0u);

  const DiskStatsLine* nvme = find_disk(reading, "nvme0n1");  // 4.18: discards
  ASSERT_NE(nvme, nullptr);
  EXPECT_EQ(nvme->major, 259u);
  EXPECT_EQ(nvme->stat_count, 15u);
  EXPECT_EQ(nvme->stats[kIosInProgress], 1u);
  EXPECT_EQ(nvme->stats[kSectorsDiscarded], 12345u);
  EXPECT_EQ(nvme->stats[kDiscardMillis], 9u);

  const DiskStatsLine* dm = find_disk(reading, "dm-0");  // 5.5: flushes
  ASSERT_NE(dm, nullptr);
  EXPECT_EQ(dm->stat_count, 17u);
  EXPECT_EQ(dm->stats[kFlushesCompleted], 7u);
  EXPECT_EQ(dm->stats[kFlushMillis], 11u);
}

TEST(DiskStatsReader, ATruncatedLineIsAnError) {
  DiskStatsReader reader(fixture_roots("edge/diskstats-truncated"));
  DiskStatsReading reading;
  EXPECT_FALSE(reader.read(reading));
  EXPECT_NE(reading.error.find("truncated"), std::string::npos);
}

TEST(DiskStatsParser, ANonNumberIsAnError) {
  DiskStatsReading reading;
  EXPECT_FALSE(parse_diskstats("8 0 sda 1 2 3 4 5 6 7 8 9 10 x\n", reading));
  EXPECT_FALSE(parse_diskstats("8 zero sda 1 2 3 4 5 6 7 8 9 10 11\n", reading));
  EXPECT_FALSE(parse_diskstats("8 0\n", reading));
}

TEST(DiskStatsParser, IgnoresCountersAFutureKernelMightAdd) {
  DiskStatsReading reading;
  ASSERT_TRUE(parse_diskstats("8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19\n", reading));
  ASSERT_EQ(reading.disks.size(), 1u);
  EXPECT_EQ(reading.disks[0].stat_count, 17u);
  EXPECT_EQ(reading.disks[0].stats[kFlushMillis], 17u);
}

// --- udev's database (node_disk_info) ------------------------------------------

TEST(UdevReader, ReadsTheFivePropertiesOfARecordedDisk) {
  UdevDiskProperties properties;
  std::string error;
  ASSERT_TRUE(read_udev_disk_properties(fixture_roots("edge/diskstats-kernel-layouts"), 8, 0, properties, error))
      << error;
  EXPECT_EQ(properties.path, "pci-0000:00:17.0-ata-1");
  EXPECT_EQ(properties.model, "Samsung_SSD_860_EVO_500GB");
  EXPECT_EQ(properties.revision, "RVT04B6Q");
  EXPECT_EQ(properties.serial, "S3Z2NB0K123456X");  // ID_SERIAL_SHORT, not ID_SERIAL
  EXPECT_EQ(properties.wwn, "0x5002538e40a1b2c3");
}

TEST(UdevReader, AMissingEntryLeavesEveryPropertyEmpty) {
  UdevDiskProperties properties{"stale", "stale", "stale", "stale", "stale"};
  std::string error;
  EXPECT_FALSE(read_udev_disk_properties(fixture_roots("edge/diskstats-kernel-layouts"), 253, 0, properties, error));
  EXPECT_NE(error.find("b253:0"), std::string::npos) << error;
  EXPECT_EQ(properties.path, "");
  EXPECT_EQ(properties.model, "");
  EXPECT_EQ(properties.serial, "");
  EXPECT_EQ(properties.wwn, "");
}

TEST(UdevReader, AMalformedEntryKeepsItsGoodProperties) {
  UdevDiskProperties properties;
  std::string error;
  EXPECT_FALSE(read_udev_disk_properties(fixture_roots("edge/diskstats-kernel-layouts"), 254, 0, properties, error));
  EXPECT_NE(error.find("malformed udev property: \"E:ID_PATH\""), std::string::npos) << error;
  EXPECT_EQ(properties.path, "virtio-pci-0000:00:05.0");
  EXPECT_EQ(properties.serial, "");  // only ID_SERIAL there
  EXPECT_EQ(properties.model, "");
}

TEST(UdevParser, TakesTheLastValueOfARepeatedKeyAndIgnoresOtherRecords) {
  UdevDiskProperties properties;
  std::string error;
  EXPECT_TRUE(parse_udev_properties("S:ID_MODEL=link\nE:ID_MODEL=a\nE:ID_MODEL=b=c\nE:ID_WWN=\nV:1", properties, error));
  EXPECT_EQ(properties.model, "b=c");
  EXPECT_EQ(properties.wwn, "");
  EXPECT_EQ(error, "");
}

// --- network device counters (rx_nohandler) --------------------------------------

TEST(NetDeviceCounter, ReadsANumberAndRefusesAMissingOrMalformedFile) {
  const Roots roots = fixture_roots("edge/netdev-nohandler");
  std::string buffer;
  std::uint64_t value = 1;
  EXPECT_TRUE(NetDeviceCounter(roots, "lo", "rx_nohandler").read(buffer, value));
  EXPECT_EQ(value, 0u);
  EXPECT_TRUE(NetDeviceCounter(roots, "eth0", "rx_nohandler").read(buffer, value));
  EXPECT_EQ(value, 18446744073709551615u);
  EXPECT_FALSE(NetDeviceCounter(roots, "veth1", "rx_nohandler").read(buffer, value));
  EXPECT_FALSE(NetDeviceCounter(roots, "wg0", "rx_nohandler").read(buffer, value));
}

// --- net/dev ------------------------------------------------------------------

const NetDevLine* find_interface(const NetDevReading& reading, std::string_view device) {
  for (const auto& interface : reading.interfaces) {
    if (interface.device == device) return &interface;
  }
  return nullptr;
}

TEST(NetDevReader, ReadsEveryInterfaceRecordedOnDebian12) {
  NetDevReader reader(fixture_roots("linux-debian12"));
  NetDevReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  // Two header lines, then one line per interface.
  EXPECT_EQ(reading.interfaces.size(), count_lines(read_file_or_empty(fixture_path("linux-debian12/proc/net/dev"))) - 2);
  const NetDevLine* lo = find_interface(reading, "lo");
  ASSERT_NE(lo, nullptr);
  EXPECT_EQ(lo->counters[kReceiveBytes], lo->counters[kTransmitBytes]);  // loopback sends what it receives
  EXPECT_NE(find_interface(reading, "eth0"), nullptr);
}

TEST(NetDevReader, ReadsEachColumnInKernelOrder) {
  NetDevReader reader(fixture_roots("edge/netdev-counter-reset/t0"));
  NetDevReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  const NetDevLine* eth0 = find_interface(reading, "eth0");
  ASSERT_NE(eth0, nullptr);
  EXPECT_EQ(eth0->counters[kReceiveBytes], 59738058u);
  EXPECT_EQ(eth0->counters[kReceivePackets], 1285u);
  EXPECT_EQ(eth0->counters[kReceiveErrs], 1u);
  EXPECT_EQ(eth0->counters[kReceiveMulticast], 6u);
  EXPECT_EQ(eth0->counters[kTransmitBytes], 54801u);
  EXPECT_EQ(eth0->counters[kTransmitErrs], 7u);
  EXPECT_EQ(eth0->counters[kTransmitColls], 10u);
  EXPECT_EQ(eth0->counters[kTransmitCarrier], 11u);
  EXPECT_EQ(eth0->counters[kTransmitCompressed], 12u);
}

TEST(NetDevParser, ANameLongEnoughToTouchItsCountersStillParses) {
  NetDevReading reading;
  ASSERT_TRUE(parse_netdev("enp0s31f6:123 4 0 0 0 0 0 0 567 8 0 0 0 0 0 0\n", reading)) << reading.error;
  ASSERT_EQ(reading.interfaces.size(), 1u);
  EXPECT_EQ(reading.interfaces[0].device, "enp0s31f6");
  EXPECT_EQ(reading.interfaces[0].counters[kReceiveBytes], 123u);
  EXPECT_EQ(reading.interfaces[0].counters[kTransmitBytes], 567u);
}

TEST(NetDevParser, MalformedLinesAreErrors) {
  NetDevReading reading;
  EXPECT_FALSE(parse_netdev("eth0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n", reading));  // no colon
  EXPECT_FALSE(parse_netdev("eth0: 1 2 3 4 5 6 7 8\n", reading));                          // truncated
  EXPECT_FALSE(parse_netdev(": 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n", reading));      // no name
  EXPECT_FALSE(parse_netdev("eth0: 1 2 3 -4 5 6 7 8 9 10 11 12 13 14 15 16\n", reading));
  EXPECT_FALSE(reading.error.empty());
}

// --- hwmon --------------------------------------------------------------------

TEST(HwmonReader, ReadsTemperaturesAndWhatNamesEachChip) {
  HwmonReader reader(fixture_roots("edge/hwmon-laptop"));
  HwmonReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  ASSERT_EQ(reading.chips.size(), 4u);

  const HwmonChip& zone = reading.chips[0];
  EXPECT_EQ(zone.directory, fixture_path("edge/hwmon-laptop/sys/class/hwmon/hwmon0"));
  EXPECT_EQ(zone.device_path, fixture_path("edge/hwmon-laptop/sys/devices/virtual/thermal/thermal_zone0"));
  EXPECT_EQ(zone.name, "acpitz");

  const HwmonChip& coretemp = reading.chips[1];
  EXPECT_EQ(coretemp.real_directory_name, "hwmon1");
  EXPECT_EQ(coretemp.device_path, fixture_path("edge/hwmon-laptop/sys/devices/platform/coretemp.0"));
  ASSERT_EQ(coretemp.temperatures.size(), 3u);
  const TemperatureSensor& package = coretemp.temperatures[0];
  EXPECT_EQ(package.sensor, "temp1");
  EXPECT_EQ(package.input, 45000);
  EXPECT_EQ(package.max, 100000);
  EXPECT_EQ(package.crit, 100000);
  EXPECT_EQ(package.label, "Package id 0");
  // A value that is not a number is left out; the label still counts.
  EXPECT_EQ(coretemp.temperatures[2].sensor, "temp3");
  EXPECT_FALSE(coretemp.temperatures[2].input.has_value());
  EXPECT_EQ(coretemp.temperatures[2].label, "Core 1");

  const HwmonChip& nvme = reading.chips[2];
  ASSERT_EQ(nvme.temperatures.size(), 2u);
  EXPECT_EQ(nvme.temperatures[1].input, -1500);

  const HwmonChip& virtual_chip = reading.chips[3];
  EXPECT_TRUE(virtual_chip.device_path.empty());
  EXPECT_EQ(virtual_chip.name, "My Sensor-1");
  EXPECT_EQ(virtual_chip.temperatures.size(), 1u);
}

TEST(HwmonReader, AMachineWithoutHwmonIsAGoodEmptyReading) {
  HwmonReader reader(fixture_roots("edge/no-such-tree"));
  HwmonReading reading;
  EXPECT_TRUE(reader.read(reading));
  EXPECT_TRUE(reading.chips.empty());
  EXPECT_TRUE(reading.error.empty());
}

}  // namespace
}  // namespace host_exporter::platform
