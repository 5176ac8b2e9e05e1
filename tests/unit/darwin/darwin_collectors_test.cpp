// The macOS collector table, fed recorded readings through fake readers: names, types,
// labels and values as node_exporter's darwin collectors and btop name them.

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <map>
#include <memory>
#include <set>

#include "../collectors/family_lookup.hpp"
#include "../collectors/schema_check.hpp"
#include "collectors/darwin_definitions.hpp"
#include "collectors/sampler.hpp"
#include "platform/darwin/conversions/route_messages.hpp"
#include "route_message_builder.hpp"
#include "vm_stat_fixture.hpp"

namespace host_exporter::collectors {
namespace {

namespace darwin = platform::darwin;
using test::find_family;
using test::find_value;

struct FakeHost {
  std::vector<darwin::CpuLoadTicks> cpus = {{1000, 500, 8000, 100}, {2000, 700, 7000, 0}};
  std::vector<darwin::FilesystemReading> filesystems;
  std::vector<darwin::DiskReading> disks;
  platform::ProcessTable table;
  std::uint64_t cpu_total_ns = 0, now_ns = 0;
  bool memory_fails = false;
  std::map<std::string, platform::FilesystemUsage> fresh_usage;  // statfs by mount point
  std::string hung_mount;  // statfs of this path waits until release_hung_mount()
  struct HangGate {
    std::mutex mutex;
    std::condition_variable released;
    bool open = false;
  };
  std::shared_ptr<HangGate> hang_gate = std::make_shared<HangGate>();

  void release_hung_mount() {
    {
      std::lock_guard lock(hang_gate->mutex);
      hang_gate->open = true;
    }
    hang_gate->released.notify_all();
  }
  std::string interface_list;                                  // a NET_RT_IFLIST2 buffer
  std::map<std::uint16_t, darwin::InterfaceCounters> interface_mib;  // ifmibdata by index

  darwin::HostReaders readers() {
    darwin::HostReaders r;
    r.cpu = [this](auto& out, std::string&) { out = cpus; return true; };
    r.perf_levels = [](auto& out, std::string&) {
      out = {{"Performance", 1}, {"Efficiency", 1}};
      return true;
    };
    r.memory = [this](darwin::MemoryReading& out, std::string& error) {
      if (memory_fails) {
        error = "host_statistics64 failed: 5";
        return false;
      }
      const auto fixture = test::read_vm_stat(test::fixture_path("darwin/vm_stat-intel-4k.txt"));
      out.vm = fixture.vm;
      out.page_size = fixture.page_size;
      out.total_bytes = 32ull << 30;
      out.swap = darwin::SwapUsage{1ull << 30, 3ull << 28, 1ull << 28};
      out.pressure_level = 1;
      return true;
    };
    r.load = [](auto& out, std::string&) { out = {1.5, 1.25, 0.75}; return true; };
    r.boot_time = [](double& out, std::string&) { out = 1700000000.25; return true; };
    r.uname = [](darwin::UnameReading& out, std::string&) {
      out = {"Darwin", "mbp.local", "23.4.0", "Darwin Kernel Version 23.4.0", "arm64"};
      return true;
    };
    r.system_version_plist = [](std::string& out, std::string&) {
      out = "<dict><key>ProductName</key><string>macOS</string><key>ProductVersion</key><string>14.4.1</string>"
            "<key>ProductBuildVersion</key><string>23E224</string></dict>";
      return true;
    };
    r.filesystems = [this](auto& out, std::string&) { out = filesystems; return true; };
    // By value: a hung call outlives the collector, and may outlive this host.
    r.filesystem_usage = [fresh_usage = fresh_usage, hung_mount = hung_mount, gate = hang_gate](const std::string& path) {
      if (path == hung_mount) {
        std::unique_lock lock(gate->mutex);
        gate->released.wait(lock, [&] { return gate->open; });
      }
      platform::FilesystemUsageReading reading;
      const auto found = fresh_usage.find(path);
      if (found == fresh_usage.end()) reading.error = 2;  // ENOENT
      if (found != fresh_usage.end()) reading.usage = found->second;
      return reading;
    };
    r.disks = [this](auto& out, std::string&) { out = disks; return true; };
    r.interface_messages = [this](std::string& out, std::string&) { out = interface_list; return true; };
    r.interface_mib = [this](std::uint16_t index, darwin::InterfaceCounters& out) {
      const auto found = interface_mib.find(index);
      if (found == interface_mib.end()) return false;
      out = found->second;
      return true;
    };
    r.processes = [this](platform::ProcessTable& out, darwin::ProcessClocks& clocks, std::string&) {
      out = table;
      clocks.cpu_total_ns = cpu_total_ns;
      clocks.now_ns = now_ns;
      return true;
    };
    r.environment = [](darwin::EnvironmentHints& out, std::string&) { out = {"VirtualMac2,1", 1}; return true; };
    r.gpus = [](auto& out, std::string&) {
      // Two GPUs of one IOClass, as an Intel Mac with two identical eGPUs would list them.
      out = {{"AGXAcceleratorG13X", 4294968311, 37.0},
             {"AGXAcceleratorG13X", 4294968400, 12.0},
             {"nodata", 1, std::nullopt}};
      return true;
    };
    r.power_sources = [](auto& out, std::string&) {
      out = {{"InternalBattery-0", 80.0, 100.0, true, "AC Power"}};
      return true;
    };
    return r;
  }
};

std::vector<MetricFamily> collect(const std::vector<CollectorDefinition>& definitions, const std::string& name,
                                  Sampler* sampler = nullptr, const std::map<std::string, std::string>& flags = {}) {
  for (const auto& definition : definitions) {
    if (definition.name != name) continue;
    CollectorContext context;
    context.sampler = sampler;
    context.config = default_config(definition);
    for (const auto& [flag, value] : flags) context.config.set(flag, {value});
    auto collector = definition.create(context);
    if (sampler) sampler->sample_now();
    std::vector<MetricFamily> out;
    collector->collect(out);
    return out;
  }
  ADD_FAILURE() << "no collector " << name;
  return {};
}

TEST(DarwinCollectors, TableHasNodeExportersDarwinNames) {
  FakeHost host;
  std::set<std::string> names;
  for (const auto& definition : darwin_collector_definitions(host.readers())) names.insert(definition.name);
  EXPECT_EQ(names, (std::set<std::string>{"boottime", "cpu", "diskstats", "environment", "filesystem", "gpu",
                                          "loadavg", "meminfo", "netdev", "os", "powersupplyclass", "processes",
                                          "uname"}));
}

TEST(DarwinCollectors, CpuSecondsPerCpuAndFourModes) {
  FakeHost host;
  const auto out = collect(darwin_collector_definitions(host.readers()), "cpu");
  const MetricFamily* cpu = find_family(out, "node_cpu_seconds_total");
  ASSERT_NE(cpu, nullptr);
  EXPECT_EQ(cpu->type, MetricType::kCounter);
  EXPECT_EQ(cpu->series.size(), 8u);
  EXPECT_EQ(find_value(out, "node_cpu_seconds_total", R"(cpu="0",mode="user")"), 10.0);
  EXPECT_EQ(find_value(out, "node_cpu_seconds_total", R"(cpu="0",mode="nice")"), 1.0);
  EXPECT_EQ(find_value(out, "node_cpu_seconds_total", R"(cpu="1",mode="idle")"), 70.0);
  EXPECT_EQ(find_family(out, "host_cpu_utilization_ratio"), nullptr);  // no sampler, no window
  EXPECT_EQ(find_value(out, "host_cpu_core_type_info", R"(cpu="0",core_type="efficiency")"), 1.0);
  EXPECT_EQ(find_value(out, "host_cpu_core_type_info", R"(cpu="1",core_type="performance")"), 1.0);
}

TEST(DarwinCollectors, CpuUtilizationOverTheSamplerWindow) {
  FakeHost host;
  Sampler sampler(std::chrono::milliseconds(2000));
  const auto definitions = darwin_collector_definitions(host.readers());
  CollectorContext context;
  context.sampler = &sampler;
  auto collector = definitions[0].name == "cpu" ? definitions[0].create(context) : nullptr;
  ASSERT_NE(collector, nullptr);
  sampler.sample_now();  // from boot: cpu0 busy 1600 of 9600
  host.cpus = {{1060, 520, 8100, 120}, {2000, 700, 7100, 0}};  // cpu0 +100 busy +100 idle; cpu1 all idle
  sampler.sample_now();
  std::vector<MetricFamily> out;
  collector->collect(out);
  EXPECT_EQ(find_value(out, "host_cpu_core_utilization_ratio", R"(cpu="0")"), 0.5);
  EXPECT_EQ(find_value(out, "host_cpu_core_utilization_ratio", R"(cpu="1")"), 0.0);
  EXPECT_EQ(find_value(out, "host_cpu_utilization_ratio", ""), 100.0 / 300.0);
}

TEST(DarwinCollectors, MemoryInEveryView) {
  FakeHost host;
  const auto out = collect(darwin_collector_definitions(host.readers()), "meminfo");
  EXPECT_EQ(find_value(out, "node_memory_free_bytes", ""), (6127229.0 + 430715.0) * 4096);
  EXPECT_EQ(find_value(out, "node_memory_wired_bytes", ""), 715958.0 * 4096);
  EXPECT_EQ(find_value(out, "node_memory_swap_total_bytes", ""), double(1ull << 30));
  EXPECT_EQ(find_family(out, "node_memory_swapped_in_bytes_total")->type, MetricType::kCounter);
  EXPECT_EQ(find_value(out, "node_memory_MemTotal_bytes", ""), double(32ull << 30));
  EXPECT_EQ(find_value(out, "node_memory_SwapFree_bytes", ""), double(3ull << 28));
  const double am_used = (464333.0 - 11820.0 + 715958.0) * 4096;
  EXPECT_EQ(find_value(out, "host_memory_activity_monitor_used_bytes", ""), am_used);
  EXPECT_EQ(find_value(out, "node_memory_MemAvailable_bytes", ""), double(32ull << 30) - am_used);
  EXPECT_EQ(find_value(out, "host_memory_used_bytes", ""), (485320.0 + 715958.0) * 4096);
  EXPECT_EQ(find_value(out, "host_memory_cached_bytes", ""), 1080348.0 * 4096);
  EXPECT_EQ(find_value(out, "host_swap_used_bytes", ""), double(1ull << 28));
  EXPECT_EQ(find_value(out, "host_memory_pressure_level", ""), 1.0);
  // Every name is unique and valid.
  std::set<std::string> names;
  for (const auto& family : out) {
    EXPECT_TRUE(is_valid_metric_name(family.name)) << family.name;
    EXPECT_TRUE(names.insert(family.name).second) << family.name;
  }
}

TEST(DarwinCollectors, FailedReadingFailsTheCollectorWithTheReason) {
  FakeHost host;
  host.memory_fails = true;
  const auto definitions = darwin_collector_definitions(host.readers());
  const auto it = std::find_if(definitions.begin(), definitions.end(), [](auto& d) { return d.name == "meminfo"; });
  auto collector = it->create(CollectorContext{});
  std::vector<MetricFamily> out;
  try {
    collector->collect(out);
    FAIL() << "expected a throw";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("host_statistics64 failed"), std::string::npos);
  }
}

TEST(DarwinCollectors, SystemIdentity) {
  FakeHost host;
  const auto definitions = darwin_collector_definitions(host.readers());
  EXPECT_EQ(find_value(collect(definitions, "loadavg"), "node_load5", ""), 1.25);
  EXPECT_EQ(find_value(collect(definitions, "boottime"), "node_boot_time_seconds", ""), 1700000000.25);
  EXPECT_EQ(find_value(collect(definitions, "uname"), "node_uname_info",
                       R"(domainname="local",machine="arm64",nodename="mbp",release="23.4.0",sysname="Darwin",)"
                       R"(version="Darwin Kernel Version 23.4.0")"),
            1.0);
  const auto os = collect(definitions, "os");
  EXPECT_EQ(find_value(os, "node_os_version", R"(id="",id_like="",name="macOS")"), 14.4);
  EXPECT_EQ(find_value(os, "node_os_info",
                       R"(build_id="23E224",id="",id_like="",image_id="",image_version="",name="macOS",)"
                       R"(pretty_name="",variant="",variant_id="",version="14.4.1",version_codename="",)"
                       R"(version_id="14.4.1")"),
            1.0);
  const auto environment = collect(definitions, "environment");
  const auto labels = test::series_labels(environment, "host_exporter_environment_info");
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_NE(labels[0].find(R"(platform="darwin",virtualization="apple",container="none")"), std::string::npos);
  EXPECT_EQ(find_value(environment, "host_exporter_measures_host", ""), 1.0);
  const auto gpu = collect(definitions, "gpu");
  EXPECT_EQ(find_value(gpu, "host_gpu_utilization_ratio", R"(gpu="AGXAcceleratorG13X",registry_id="4294968311")"),
            0.37);
  EXPECT_EQ(find_value(gpu, "host_gpu_utilization_ratio", R"(gpu="AGXAcceleratorG13X",registry_id="4294968400")"),
            0.12);
  EXPECT_EQ(find_family(gpu, "host_gpu_utilization_ratio")->series.size(), 2u);
  const auto power = collect(definitions, "powersupplyclass");
  EXPECT_EQ(find_value(power, "node_power_supply_current_capacity", R"(power_supply="InternalBattery-0")"), 80.0);
  EXPECT_EQ(find_value(power, "node_power_supply_power_source_state",
                       R"(power_supply="InternalBattery-0",state="AC Power")"),
            1.0);
  EXPECT_EQ(find_value(power, "host_power_supply_on_ac_power", R"(power_supply="InternalBattery-0")"), 1.0);
}

TEST(DarwinCollectors, FilesystemsWithDarwinDefaultsAndApfsUsedSpace) {
  FakeHost host;
  host.filesystems = {
      {"/dev/disk3s1s1", "/", "apfs", 4096, 1000, 400, 300, 5000, 4000, true, 11ull * 4096, std::nullopt},
      {"devfs", "/dev", "devfs", 512, 10, 0, 0, 1, 0, false, std::nullopt, std::nullopt},
      {"/dev/disk3s5", "/System/Volumes/Data", "apfs", 4096, 1000, 400, 300, 5000, 4000, false, 500ull * 4096,
       900ull * 4096},
  };
  // A fresh statfs since getfsstat's cached figures: 900 of 1000 blocks used now.
  host.fresh_usage["/"] = {1000, 100, 50, 5000, 3000, 4096, 4096};
  host.fresh_usage["/System/Volumes/Data"] = {1000, 400, 300, 5000, 4000, 4096, 4096};
  const auto out = collect(darwin_collector_definitions(host.readers()), "filesystem");
  const std::string root = R"(device="/dev/disk3s1s1",fstype="apfs",mountpoint="/")";
  // node_filesystem_* as node_exporter reads them: getfsstat(MNT_NOWAIT), cached.
  EXPECT_EQ(find_value(out, "node_filesystem_size_bytes", root), 4096000.0);
  EXPECT_EQ(find_value(out, "node_filesystem_free_bytes", root), 400.0 * 4096);
  EXPECT_EQ(find_value(out, "node_filesystem_avail_bytes", root), 300.0 * 4096);
  EXPECT_EQ(find_value(out, "node_filesystem_readonly", root), 1.0);
  EXPECT_EQ(find_value(out, "node_filesystem_purgeable_bytes",
                       R"(device="/dev/disk3s5",fstype="apfs",mountpoint="/System/Volumes/Data")"),
            900.0 * 4096);
  EXPECT_EQ(find_family(out, "node_filesystem_purgeable_bytes")->series.size(), 1u);  // only where it was read
  // host_filesystem_used_ratio as btop: from the fresh statfs.
  EXPECT_EQ(find_value(out, "host_filesystem_used_ratio", R"(mountpoint="/")"), 0.9);
  EXPECT_EQ(find_value(out, "host_filesystem_used_ratio", R"(mountpoint="/System/Volumes/Data")"), 0.6);
  EXPECT_EQ(find_value(out, "host_filesystem_used_bytes", R"(mountpoint="/")"), 11.0 * 4096);
  EXPECT_EQ(find_family(out, "node_filesystem_size_bytes")->series.size(), 2u);  // devfs excluded
}

TEST(DarwinCollectors, AHungNetworkMountCostsOneTimeoutAndNoFreshSeries) {
  FakeHost host;
  host.filesystems = {
      {"/dev/disk3s1s1", "/", "apfs", 4096, 1000, 400, 300, 5000, 4000, false, std::nullopt, std::nullopt},
      {"//me@nas/share", "/Volumes/share", "smbfs", 4096, 1000, 500, 500, 0, 0, false, std::nullopt, std::nullopt},
  };
  host.fresh_usage["/"] = {1000, 100, 50, 5000, 3000, 4096, 4096};
  host.fresh_usage["/Volumes/share"] = {1000, 500, 500, 0, 0, 4096, 4096};
  host.hung_mount = "/Volumes/share";
  const auto started = std::chrono::steady_clock::now();
  const auto out = collect(darwin_collector_definitions(host.readers()), "filesystem", nullptr,
                           {{"mount-timeout", "50ms"}});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(find_value(out, "host_filesystem_used_ratio", R"(mountpoint="/")"), 0.9);
  EXPECT_EQ(find_family(out, "host_filesystem_used_ratio")->series.size(), 1u);  // the hung share: none
  // Its cached node_filesystem_* figures stay, as node_exporter's.
  EXPECT_EQ(find_value(out, "node_filesystem_size_bytes",
                       R"(device="//me@nas/share",fstype="smbfs",mountpoint="/Volumes/share")"),
            4096000.0);
  host.release_hung_mount();
}

TEST(DarwinCollectors, DisksAndTheirRates) {
  FakeHost host;
  host.disks = {{"disk0", {{"Bytes (Read)", 1000}, {"Bytes (Write)", 2000}, {"Operations (Read)", 10}}}};
  Sampler sampler(std::chrono::milliseconds(2000));
  const auto definitions = darwin_collector_definitions(host.readers());
  const auto out = collect(definitions, "diskstats", &sampler);
  EXPECT_EQ(find_value(out, "node_disk_read_bytes_total", R"(device="disk0")"), 1000.0);
  EXPECT_EQ(find_value(out, "node_disk_reads_completed_total", R"(device="disk0")"), 10.0);
  EXPECT_EQ(find_family(out, "node_disk_read_errors_total"), nullptr);  // not published by this driver
  EXPECT_EQ(find_family(out, "host_disk_read_bytes_per_second"), nullptr);  // one sample: no window yet
}

// diskstats and netdev apply the device filter to the counters and to the rates alike.
TEST(DarwinCollectors, DisksAndInterfacesFillTheSinkWithTheirFilter) {
  FakeHost host;
  host.disks = {{"disk0", {{"Bytes (Read)", 1000}, {"Bytes (Write)", 2000}}},
                {"disk4", {{"Bytes (Read)", 10}, {"Bytes (Write)", 20}}}};
  host.interface_list = test::ifinfo2_message(1, "lo0", 1024, 1024, 1) + test::ifinfo2_message(4, "en0", 1024, 2048, 9);
  Sampler sampler(std::chrono::milliseconds(2000));
  std::vector<std::unique_ptr<HostCollector>> made;
  for (const auto& definition : darwin_collector_definitions(host.readers())) {
    if (definition.name != "diskstats" && definition.name != "netdev") continue;
    CollectorContext context;
    context.sampler = &sampler;
    context.config = default_config(definition);
    context.config.set("device-exclude", {definition.name == "diskstats" ? "^disk4$" : "^lo"});
    made.push_back(definition.create(context));
  }
  ASSERT_EQ(made.size(), 2u);
  sampler.sample_now();
  host.disks[0].statistics["Bytes (Read)"] += 4096;
  host.disks[1].statistics["Bytes (Read)"] += 4096;
  sampler.sample_now();
  std::vector<MetricFamily> out;
  for (const auto& collector : made) collector->collect(out);
  EXPECT_EQ(test::series_labels(out, "node_disk_read_bytes_total"), std::vector<std::string>{R"(device="disk0")"});
  EXPECT_EQ(test::series_labels(out, "host_disk_read_bytes_per_second"),
            std::vector<std::string>{R"(device="disk0")"});
  EXPECT_GT(*find_value(out, "host_disk_read_bytes_per_second", R"(device="disk0")"), 0.0);
  EXPECT_EQ(find_value(out, "host_disk_write_bytes_per_second", R"(device="disk0")"), 0.0);
  EXPECT_EQ(test::series_labels(out, "node_network_receive_bytes_total"), std::vector<std::string>{R"(device="en0")"});
  EXPECT_EQ(test::series_labels(out, "host_network_transmit_bytes_per_second"),
            std::vector<std::string>{R"(device="en0")"});
  EXPECT_EQ(find_family(out, "node_network_noproto_total")->help, "Network device statistic noproto.");
}

// Every macOS collector fills the sink as the Linux ones do: none goes through the adapter.
TEST(DarwinCollectors, NoneGoesThroughTheAdapter) {
  FakeHost host;
  Sampler sampler(std::chrono::milliseconds(2000));
  for (const auto& definition : darwin_collector_definitions(host.readers())) {
    CollectorContext context;
    context.sampler = &sampler;
    context.config = default_config(definition);
    const auto collector = definition.create(context);
    EXPECT_EQ(dynamic_cast<AdaptedCollector*>(collector.get()), nullptr) << definition.name;
  }
}

TEST(DarwinCollectors, ProcessGroupsWithFootprint) {
  FakeHost host;
  auto process = [](int pid, const char* name, std::uint64_t user_ns, std::uint64_t rss, std::uint64_t footprint) {
    platform::ProcessReading reading;
    reading.stat.pid = pid;
    reading.stat.comm = name;
    reading.stat.state = 'S';
    reading.stat.utime_ticks = user_ns;
    reading.stat.threads = 3;
    reading.stat.starttime_ticks = 1'000'000'000;
    reading.stat.rss_pages = rss;
    reading.footprint_bytes = footprint;
    return reading;
  };
  host.table.processes = {process(10, "postgres", 2'000'000'000, 100 << 20, 60 << 20),
                          process(11, "postgres", 1'000'000'000, 50 << 20, 40 << 20),
                          process(12, "Safari", 500'000'000, 300 << 20, 400 << 20)};
  host.cpu_total_ns = 100'000'000'000;
  host.now_ns = 50'000'000'000;
  const auto out = collect(darwin_collector_definitions(host.readers()), "processes");
  EXPECT_EQ(find_value(out, "host_process_group_processes", R"(name="postgres")"), 2.0);
  EXPECT_EQ(find_value(out, "host_process_group_cpu_seconds_total", R"(name="postgres",mode="user")"), 3.0);
  EXPECT_EQ(find_value(out, "host_process_group_resident_memory_bytes", R"(name="postgres")"), double(150 << 20));
  EXPECT_EQ(find_value(out, "host_process_group_footprint_bytes", R"(name="postgres")"), double(100 << 20));
  EXPECT_EQ(find_value(out, "host_process_group_footprint_bytes", R"(name="Safari")"), double(400 << 20));
  EXPECT_EQ(find_value(out, "host_process_group_cpu_utilization_ratio", R"(name="postgres")"), 0.03);
  EXPECT_EQ(find_value(out, "host_processes", R"(state="sleeping")"), 3.0);
  EXPECT_EQ(find_value(out, "host_threads", ""), 9.0);
}

TEST(DarwinCollectors, NetworkBytesComeFromIfmibdataNotTheRoundedList) {
  FakeHost host;
  // What XNU gives a non-platform binary in NET_RT_IFLIST2 after 5 GiB through lo0: the
  // bytes rounded down to 1 KiB and truncated to 32 bits (5 GiB mod 4 GiB = 1 GiB).
  const std::uint64_t sent = (5ull << 30) + 123;
  host.interface_list = test::ifinfo2_message(1, "lo0", (sent & 0xffffffffull) & ~1023ull,
                                              (sent & 0xffffffffull) & ~1023ull, 77) +
                        test::ifinfo2_message(4, "en0", 1024, 2048, 9);
  darwin::InterfaceCounters exact;
  exact.receive_bytes = exact.transmit_bytes = sent;
  exact.receive_packets = 80;
  host.interface_mib[1] = exact;  // en0's read fails (it went away): its list values stay
  const auto out = collect(darwin_collector_definitions(host.readers()), "netdev");
  EXPECT_EQ(find_value(out, "node_network_receive_bytes_total", R"(device="lo0")"), double(sent));
  EXPECT_EQ(find_value(out, "node_network_transmit_bytes_total", R"(device="lo0")"), double(sent));
  EXPECT_EQ(find_value(out, "node_network_receive_packets_total", R"(device="lo0")"), 80.0);
  EXPECT_EQ(find_value(out, "node_network_receive_bytes_total", R"(device="en0")"), 1024.0);
}

platform::ProcessReading process_with_state(int pid, char state, std::uint64_t start_ns, std::uint64_t user_ns) {
  platform::ProcessReading reading;
  reading.stat.pid = pid;
  reading.stat.comm = "worker";
  reading.stat.state = state;
  reading.stat.starttime_ticks = start_ns;
  reading.stat.utime_ticks = user_ns;
  return reading;
}

TEST(DarwinCollectors, ProcessStatesAreOnlyThoseMacOsCanHave) {
  FakeHost host;
  host.table.processes = {process_with_state(1, 'R', 1, 0), process_with_state(2, 'S', 1, 0),
                          process_with_state(3, 'I', 1, 0), process_with_state(4, '?', 1, 0)};
  const auto out = collect(darwin_collector_definitions(host.readers()), "processes");
  std::set<std::string> states;
  for (const auto& series : find_family(out, "host_processes")->series) states.insert(series.labels);
  EXPECT_EQ(states, (std::set<std::string>{R"(state="running")", R"(state="sleeping")", R"(state="disk-sleep")",
                                           R"(state="zombie")", R"(state="stopped")", R"(state="idle")",
                                           R"(state="unknown")"}));
  EXPECT_EQ(find_value(out, "host_processes", R"(state="idle")"), 1.0);
  EXPECT_EQ(find_value(out, "host_processes", R"(state="unknown")"), 1.0);
}

TEST(DarwinCollectors, AWallClockStepDoesNotMakeEveryProcessNew) {
  FakeHost host;
  // Keyed by the raw p_starttime, a process keeps its key when the clock (and with it
  // kern.boottime) steps back an hour: its CPU time grows by what it used, not by all of it.
  const std::uint64_t start = 1'796'551'200'000'000'000ull;
  host.table.processes = {process_with_state(7, 'S', start, 4'000'000'000)};
  host.cpu_total_ns = 100'000'000'000;
  host.now_ns = start + 600'000'000'000;
  Sampler sampler(std::chrono::milliseconds(2000));
  const auto definitions = darwin_collector_definitions(host.readers());
  CollectorContext context;
  context.sampler = &sampler;
  std::unique_ptr<Collector> collector;
  for (const auto& definition : definitions) {
    if (definition.name == "processes") collector = definition.create(context);
  }
  ASSERT_NE(collector, nullptr);
  sampler.sample_now();
  host.table.processes[0].stat.utime_ticks = 5'000'000'000;
  host.cpu_total_ns = 110'000'000'000;
  host.now_ns -= 3'600'000'000'000;
  sampler.sample_now();
  std::vector<MetricFamily> out;
  collector->collect(out);
  EXPECT_EQ(find_value(out, "host_process_group_cpu_seconds_total", R"(name="worker",mode="user")"), 5.0);
  const auto utilization = find_value(out, "host_process_group_cpu_utilization_ratio", R"(name="worker")");
  EXPECT_NEAR(utilization.value_or(-1), 0.1, 1e-12);
}

// Every macOS collector over a host with something of everything: the host_* families are
// exactly the schema's macOS entries (src/collectors/host_schema.hpp), as on Linux
// (tests/unit/collectors/host_schema_test.cpp).
TEST(DarwinCollectors, EmitExactlyTheMacOsSchema) {
  FakeHost host;
  host.filesystems = {
      {"/dev/disk3s1s1", "/", "apfs", 4096, 1000, 400, 300, 5000, 4000, true, 11ull * 4096, std::nullopt}};
  host.fresh_usage["/"] = {1000, 100, 50, 5000, 3000, 4096, 4096};
  host.disks = {{"disk0", {{"Bytes (Read)", 1000}, {"Bytes (Write)", 2000}, {"Operations (Read)", 10}}}};
  host.interface_list = test::ifinfo2_message(4, "en0", 1024, 2048, 9);
  platform::ProcessReading process = process_with_state(10, 'S', 1'000'000'000, 2'000'000'000);
  process.stat.threads = 3;
  process.stat.rss_pages = 100;
  process.footprint_bytes = 60 << 20;
  process.open_fds = 12;
  host.table.processes = {process};
  host.cpu_total_ns = 100'000'000'000;
  host.now_ns = 50'000'000'000;

  Sampler sampler(std::chrono::milliseconds(1000));
  std::vector<std::unique_ptr<HostCollector>> made;
  for (const auto& definition : darwin_collector_definitions(host.readers())) {
    CollectorContext context;
    context.sampler = &sampler;
    context.config = default_config(definition);
    made.push_back(definition.create(context));
  }
  for (int i = 0; i < 3; ++i) {
    host.cpus[0].user += 100;
    host.disks[0].statistics["Bytes (Read)"] += 4096;
    host.cpu_total_ns += 1'000'000'000;
    host.now_ns += 1'000'000'000;
    sampler.sample_now();
  }
  std::vector<MetricFamily> families;
  for (const auto& collector : made) collector->collect(families);
  test::expect_exactly_the_schema(families, schema::kMacOS);
}

}  // namespace
}  // namespace host_exporter::collectors
