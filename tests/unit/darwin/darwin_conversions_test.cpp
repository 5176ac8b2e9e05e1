// The pure macOS conversions, on recorded values from real Macs (tests/fixtures/darwin)
// and on byte buffers laid out as the macOS SDK headers define them.

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "../collectors/family_lookup.hpp"
#include "platform/darwin/conversions/cpu_ticks.hpp"
#include "platform/darwin/conversions/disk_statistics.hpp"
#include "platform/darwin/conversions/environment_kind.hpp"
#include "platform/darwin/conversions/mach_time.hpp"
#include "platform/darwin/conversions/memory_figures.hpp"
#include "platform/darwin/conversions/route_messages.hpp"
#include "platform/darwin/conversions/system_version.hpp"
#include "route_message_builder.hpp"
#include "vm_stat_fixture.hpp"

namespace host_exporter::platform::darwin {
namespace {

MemoryReading intel_reading() {
  const auto fixture = test::read_vm_stat(test::fixture_path("darwin/vm_stat-intel-4k.txt"));
  MemoryReading reading;
  reading.vm = fixture.vm;
  reading.page_size = fixture.page_size;
  // The VM's hw.memsize was not published; its pages add up to 8,388,544 (~32 GiB).
  reading.total_bytes = 32ull << 30;
  reading.swap = SwapUsage{2ull << 30, (2ull << 30) - (512ull << 20), 512ull << 20};
  return reading;
}

TEST(DarwinMemory, NodeExporterNamesArePagesTimesPageSize) {
  const NodeMemory node = node_memory(intel_reading());
  EXPECT_EQ(node.free, (6127229ull + 430715ull) * 4096);  // vm_stat's "Pages free" + "Pages speculative"
  EXPECT_EQ(node.active, 485320ull * 4096);
  EXPECT_EQ(node.inactive, 628646ull * 4096);
  EXPECT_EQ(node.wired, 715958ull * 4096);
  EXPECT_EQ(node.purgeable, 11820ull * 4096);
  EXPECT_EQ(node.internal, 464333ull * 4096);
  EXPECT_EQ(node.compressed, 0u);
  EXPECT_EQ(node.swapped_in, 280307ull * 4096);
  EXPECT_EQ(node.total, 32ull << 30);
}

TEST(DarwinMemory, BtopUsedIsActivePlusWiredAndCachedIsFileBacked) {
  const BtopMemory btop = btop_memory(intel_reading());
  EXPECT_EQ(btop.used, (485320ull + 715958ull) * 4096);
  EXPECT_EQ(btop.available, (32ull << 30) - btop.used);
  EXPECT_EQ(btop.cached, 1080348ull * 4096);
  EXPECT_EQ(btop.free, (6127229ull + 430715ull) * 4096);
}

TEST(DarwinMemory, ActivityMonitorUsedIsAppPlusWiredPlusCompressed) {
  MemoryReading reading = intel_reading();
  reading.vm.compressor_page_count = 1000;  // the VM compressed nothing; make the term count
  const ActivityMonitorMemory am = activity_monitor_memory(reading);
  EXPECT_EQ(am.app, (464333ull - 11820ull) * 4096);
  EXPECT_EQ(am.wired, 715958ull * 4096);
  EXPECT_EQ(am.compressed, 1000ull * 4096);
  EXPECT_EQ(am.used, am.app + am.wired + am.compressed);
  EXPECT_EQ(am.cached_files, (1080348ull + 11820ull) * 4096);
}

TEST(DarwinMemory, AppMemoryNeverWrapsWhenPurgeableExceedsAnonymous) {
  MemoryReading reading;
  reading.page_size = 16384;
  reading.vm.internal_page_count = 10;
  reading.vm.purgeable_count = 25;
  EXPECT_EQ(activity_monitor_memory(reading).app, 0u);
}

TEST(DarwinMemory, AppleSiliconPagesAre16KiB) {
  // libmacchina #166: free + inactive on a GitHub arm64 runner = 3,435,708,416 bytes.
  const auto fixture = test::read_vm_stat(test::fixture_path("darwin/vm_stat-arm64-runner.txt"));
  ASSERT_EQ(fixture.page_size, 16384u);
  MemoryReading reading;
  reading.vm = fixture.vm;
  reading.page_size = fixture.page_size;
  const NodeMemory node = node_memory(reading);
  EXPECT_EQ(node.free, 427229184u);
  EXPECT_EQ(node.inactive, 3008479232u);
  EXPECT_EQ(node.free + node.inactive, 3435708416u);
  // getpagesize() under Rosetta says 4096: a quarter of the truth.
  reading.page_size = 4096;
  EXPECT_EQ(node_memory(reading).free * 4, node.free);
}

TEST(DarwinMemory, LinuxShapedAvailableIsTotalMinusActivityMonitorUsed) {
  MemoryReading reading;
  reading.page_size = 16384;
  reading.total_bytes = 24ull << 30;  // nodeterm #135: a 24 GB Mac at App 7.67 + Wired 2.95 + Compressed 8.38 GB
  reading.vm.internal_page_count = 7'670'000'000ull / 16384;
  reading.vm.wire_count = 2'950'000'000ull / 16384;
  reading.vm.compressor_page_count = 8'380'000'000ull / 16384;
  reading.vm.free_count = 1000;
  const LinuxMemory linux_shaped = linux_memory(reading);
  const ActivityMonitorMemory am = activity_monitor_memory(reading);
  EXPECT_NEAR(static_cast<double>(am.used) / 1e9, 19.00, 0.01);
  EXPECT_EQ(linux_shaped.mem_available, reading.total_bytes - am.used);
  EXPECT_EQ(linux_shaped.mem_free, 1000u * 16384);
  // More in use than installed (possible mid-update) floors at zero instead of wrapping.
  reading.total_bytes = 1ull << 30;
  EXPECT_EQ(linux_memory(reading).mem_available, 0u);
}

TEST(DarwinCpu, TicksAreClkTckHundredths) {
  EXPECT_DOUBLE_EQ(ticks_to_seconds(12345), 123.45);
  EXPECT_DOUBLE_EQ(ticks_to_seconds(0), 0.0);
}

TEST(DarwinCpu, BtopRatioCountsOnlyIdleAsIdle) {
  const CpuLoadTicks before{100, 50, 800, 50};  // user, system, idle, nice
  const CpuLoadTicks after{160, 70, 900, 70};   // +60 user, +20 system, +100 idle, +20 nice
  const auto ratio = busy_ratio(before, after);
  ASSERT_TRUE(ratio);
  EXPECT_DOUBLE_EQ(*ratio, 100.0 / 200.0);
  EXPECT_FALSE(busy_ratio(after, after));   // no tick passed
  EXPECT_FALSE(busy_ratio(after, before));  // counters went back
  const CpuLoadTicks sum = sum_ticks({before, after});
  EXPECT_EQ(sum.user, 260u);
  EXPECT_EQ(total_ticks(sum), 260u + 120u + 1700u + 120u);
}

TEST(DarwinMachTime, AppleSiliconTicksAre125Over3Nanoseconds) {
  constexpr std::uint64_t kAppleSilicon = 24'000'000;  // hw.tbfrequency
  EXPECT_EQ(mach_ticks_to_nanoseconds(3, kAppleSilicon), 125u);
  EXPECT_EQ(mach_ticks_to_nanoseconds(kAppleSilicon, kAppleSilicon), 1'000'000'000u);
  // One hour of CPU: exact, where btop's integer 125/3 = 41 gives 3,542.4 s (1.6 % low).
  const std::uint64_t hour = 3600ull * kAppleSilicon;
  EXPECT_EQ(mach_ticks_to_nanoseconds(hour, kAppleSilicon), 3600ull * 1'000'000'000);
  EXPECT_DOUBLE_EQ(static_cast<double>(hour * 41) / 1e9, 3542.4);
  EXPECT_DOUBLE_EQ(mach_ticks_to_seconds(hour + kAppleSilicon / 2, kAppleSilicon), 3600.5);
  // Intel: 1 GHz, ticks are nanoseconds.
  EXPECT_EQ(mach_ticks_to_nanoseconds(123456789, 1'000'000'000), 123456789u);
  // A huge count does not overflow the intermediate product.
  EXPECT_EQ(mach_ticks_to_nanoseconds(~0ull, kAppleSilicon), ~0ull);
  EXPECT_EQ(mach_ticks_to_nanoseconds(1ull << 52, kAppleSilicon), 187649984473770666ull);  // floor(2^52 x 125 / 3)
  EXPECT_EQ(mach_ticks_to_nanoseconds(5, 0), 0u);
}

// An RTM_NEWMADDR2 message (struct ifma_msghdr2: msglen, version, type, ...): skipped.
std::string multicast_message() {
  std::string message(32, '\0');
  message[0] = 32;
  message[2] = static_cast<char>(kRtmVersion);
  message[3] = 0x13;  // RTM_NEWMADDR2
  return message;
}

TEST(DarwinRouteMessages, WalksIfinfo2MessagesAndSkipsOthers) {
  const std::string buffer = test::ifinfo2_message(1, "lo0", 1'000, 1'000, 10) + multicast_message() +
                             test::ifinfo2_message(15, "en0", 6'000'000'000'123ull, 42'000'000'000ull, 9) +
                             test::ifinfo2_message(20, "", 5, 6, 1, false);
  std::vector<InterfaceCounters> interfaces;
  std::string error;
  ASSERT_TRUE(parse_interface_messages(buffer, interfaces, error)) << error;
  ASSERT_EQ(interfaces.size(), 3u);
  EXPECT_EQ(interfaces[0].name, "lo0");
  EXPECT_EQ(interfaces[1].name, "en0");
  EXPECT_EQ(interfaces[1].index, 15);
  EXPECT_EQ(interfaces[1].mtu, 1500u);
  EXPECT_EQ(interfaces[1].type, 6);
  // The parser keeps all 64 bits (XNU fills them exactly only for Apple's own binaries: hence ifmibdata).
  EXPECT_EQ(interfaces[1].receive_bytes, 6'000'000'000'123ull);
  EXPECT_EQ(interfaces[1].transmit_bytes, 42'000'000'000ull);
  EXPECT_EQ(interfaces[1].receive_packets, 9u);
  EXPECT_EQ(interfaces[1].receive_errors, 2u);
  EXPECT_EQ(interfaces[1].transmit_packets, 7u);
  EXPECT_EQ(interfaces[1].transmit_errors, 3u);
  EXPECT_EQ(interfaces[1].collisions, 4u);
  EXPECT_EQ(interfaces[1].receive_multicast, 11u);
  EXPECT_EQ(interfaces[1].transmit_multicast, 12u);
  EXPECT_EQ(interfaces[1].receive_drops, 13u);
  EXPECT_EQ(interfaces[1].receive_noproto, 14u);
  EXPECT_EQ(interfaces[2].name, "if20");  // no RTA_IFP: named by index
}

TEST(DarwinRouteMessages, RefusesTruncatedBuffers) {
  const std::string good = test::ifinfo2_message(4, "en1", 1, 2, 3);
  std::vector<InterfaceCounters> interfaces;
  std::string error;
  EXPECT_FALSE(parse_interface_messages(good + good.substr(0, 40), interfaces, error));
  EXPECT_EQ(interfaces.size(), 1u);  // the complete message before it is kept
  EXPECT_NE(error.find("offset"), std::string::npos);

  std::string short_header = good.substr(0, 64);
  short_header[0] = 64;  // claims 64 bytes: too short for an if_msghdr2
  interfaces.clear();
  EXPECT_FALSE(parse_interface_messages(short_header, interfaces, error));
  std::string zero_length = good;
  zero_length[0] = zero_length[1] = 0;  // would loop forever if accepted
  EXPECT_FALSE(parse_interface_messages(zero_length, interfaces, error));
  interfaces.clear();
  EXPECT_TRUE(parse_interface_messages("", interfaces, error));
  EXPECT_TRUE(interfaces.empty());
}

TEST(DarwinDiskStatistics, MapsIoKitKeysAndNanoseconds) {
  // Keys of IOKit's storage/IOBlockStorageDriver.h (kIOBlockStorageDriverStatistics*Key).
  const std::map<std::string, std::int64_t> statistics = {
      {"Bytes (Read)", 123'456'789'012},   {"Bytes (Write)", 98'765'432'100}, {"Operations (Read)", 4'567'890},
      {"Operations (Write)", 3'210'987},   {"Total Time (Read)", 1'500'000'000'000},
      {"Total Time (Write)", 250'000'000}, {"Errors (Read)", 0},              {"Retries (Write)", 2},
      {"Latency Time (Read)", 77},
  };
  const DiskCounters counters = disk_counters(statistics);
  EXPECT_EQ(counters.read_bytes, 123'456'789'012.0);
  EXPECT_EQ(counters.written_bytes, 98'765'432'100.0);
  EXPECT_EQ(counters.reads_completed, 4'567'890.0);
  EXPECT_EQ(counters.writes_completed, 3'210'987.0);
  EXPECT_EQ(counters.read_time_seconds, 1500.0);
  EXPECT_EQ(counters.write_time_seconds, 0.25);
  EXPECT_EQ(counters.read_errors, 0.0);
  EXPECT_FALSE(counters.write_errors);  // not published: absent, not zero
  EXPECT_EQ(counters.write_retries, 2.0);
  EXPECT_FALSE(disk_counters({{"Bytes (Read)", -1}}).read_bytes);
}

TEST(DarwinSystemVersion, ParsesThePlist) {
  std::ifstream in(test::fixture_path("darwin/SystemVersion-macos14.plist"));
  std::stringstream text;
  text << in.rdbuf();
  const auto version = parse_system_version_plist(text.str());
  ASSERT_TRUE(version);
  EXPECT_EQ(version->product_name, "macOS");
  EXPECT_EQ(version->product_version, "14.4.1");
  EXPECT_EQ(version->product_build_version, "23E224");
  EXPECT_EQ(version->product_user_visible_version, "14.4.1");
  EXPECT_FALSE(parse_system_version_plist("<plist><dict><key>ProductName</key><string>macOS</string></dict></plist>"));
  const auto escaped = parse_system_version_plist(
      "<dict><key>ProductVersion</key><string>12.0</string><key>ProductName</key><string>A &lt;b&gt; &amp;</string>");
  ASSERT_TRUE(escaped);
  EXPECT_EQ(escaped->product_name, "A <b> &");
}

TEST(DarwinSystemVersion, MajorMinorAsNodeOsVersion) {
  EXPECT_EQ(major_minor_version("14.4.1"), 14.4);
  EXPECT_EQ(major_minor_version("15"), 15.0);
  EXPECT_EQ(major_minor_version("10.15.7"), 10.15);
  EXPECT_FALSE(major_minor_version(""));
  EXPECT_FALSE(major_minor_version("abc"));
  EXPECT_FALSE(major_minor_version("1e3"));
}

TEST(DarwinEnvironment, TellsAMacFromAMacOsVm) {
  EXPECT_EQ(classify_environment({"Mac14,2", 0}).virtualization, "none");
  EXPECT_EQ(classify_environment({"MacBookPro18,3", std::nullopt}).virtualization, "none");
  const auto vm = classify_environment({"VirtualMac2,1", 1});
  EXPECT_EQ(vm.virtualization, "apple");
  EXPECT_NE(vm.detail.find("VirtualMac2,1"), std::string::npos);
  EXPECT_EQ(classify_environment({"Macmini9,1", 1}).virtualization, "vm-other");
}

// What doctor and the start-up warning see on macOS (platform/environment.hpp).
TEST(DarwinEnvironment, ReadingForDoctorNamesTheModelAndMeasuresTheHost) {
  const auto mac = environment_reading({"Mac14,2", 0}, "23.4.0");
  EXPECT_EQ(mac.platform, "darwin");
  EXPECT_EQ(mac.virtualization, "none");
  EXPECT_EQ(mac.container, "none");
  EXPECT_EQ(mac.kernel_release, "23.4.0");
  EXPECT_EQ(mac.detail, "bare metal (hw.model Mac14,2)");
  EXPECT_EQ(mac.described(), "bare metal (hw.model Mac14,2)");  // no article before "bare metal"
  EXPECT_TRUE(mac.measures_host());
  EXPECT_EQ(mac.evidence, (std::vector<std::string>{"sysctl hw.model: Mac14,2", "sysctl kern.hv_vmm_present: 0"}));

  const auto vm = environment_reading({"VirtualMac2,1", 1}, "23.4.0");
  EXPECT_EQ(vm.virtualization, "apple");
  EXPECT_EQ(vm.described(), "a macOS virtual machine (hw.model VirtualMac2,1)");
  EXPECT_TRUE(vm.measures_host());  // a macOS VM is its own host, as a Linux VM is

  const auto old = environment_reading({"", std::nullopt}, "");
  EXPECT_EQ(old.detail, "bare metal (macOS)");
  EXPECT_EQ(old.evidence.back(), "sysctl kern.hv_vmm_present: (absent)");
}

}  // namespace
}  // namespace host_exporter::platform::darwin
