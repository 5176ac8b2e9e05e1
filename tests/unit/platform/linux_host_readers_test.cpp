// The /proc and /sys readers behind the cpu, stat, loadavg, meminfo, vmstat,
// pressure, uname, os and time collectors: on the files recorded from a real
// machine (tests/fixtures/linux-debian12) and on hand-made edge cases.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "platform/linux/arcstats_reader.hpp"
#include "platform/linux/clocksource_reader.hpp"
#include "platform/linux/loadavg_reader.hpp"
#include "platform/linux/meminfo_reader.hpp"
#include "platform/linux/os_release_reader.hpp"
#include "platform/linux/pressure_reader.hpp"
#include "platform/linux/stat_reader.hpp"
#include "platform/linux/time_zone.hpp"
#include "platform/linux/uname_reader.hpp"
#include "platform/linux/vmstat_reader.hpp"
#include "platform/roots.hpp"
#include "support/fixtures.hpp"

namespace host_exporter::platform {
namespace {

using test::fixture_path;
using test::fixture_roots;
using test::read_text_file;

std::uint64_t first_number_after(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string name;
    std::uint64_t value = 0;
    if (fields >> name >> value && name == key) return value;
  }
  ADD_FAILURE() << key << " not found";
  return 0;
}

// ---------------------------------------------------------------- /proc/stat

TEST(StatReader, ReadsTheRecordedMachine) {
  const Roots roots = fixture_roots("linux-debian12");
  std::string buffer;
  StatReading reading;
  read_stat(roots.proc("stat"), buffer, reading);
  ASSERT_TRUE(reading.ok()) << reading.error;

  const std::string text = read_text_file(roots.proc("stat"));
  EXPECT_EQ(reading.total.user, first_number_after(text, "cpu"));
  EXPECT_EQ(reading.total.columns, 10);
  ASSERT_FALSE(reading.cpus.empty());
  EXPECT_EQ(reading.cpus[0].cpu, 0);
  EXPECT_EQ(reading.cpus[0].times.user, first_number_after(text, "cpu0"));
  EXPECT_EQ(reading.boot_time, first_number_after(text, "btime"));
  EXPECT_EQ(reading.context_switches, first_number_after(text, "ctxt"));
  EXPECT_EQ(reading.forks, first_number_after(text, "processes"));
  EXPECT_EQ(reading.interrupts, first_number_after(text, "intr"));
  EXPECT_EQ(reading.procs_running, first_number_after(text, "procs_running"));
  EXPECT_EQ(reading.procs_blocked, first_number_after(text, "procs_blocked"));
}

TEST(StatReader, ParsesEveryColumnOfAModernKernel) {
  StatReading reading;
  parse_stat(read_text_file(fixture_path("edge/stat-guest/proc/stat")), reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  ASSERT_EQ(reading.cpus.size(), 1u);
  const CpuTimes& t = reading.cpus[0].times;
  EXPECT_EQ(t.columns, 10);
  EXPECT_EQ(t.user, 2000u);
  EXPECT_EQ(t.nice, 100u);
  EXPECT_EQ(t.system, 1000u);
  EXPECT_EQ(t.idle, 50000u);
  EXPECT_EQ(t.iowait, 300u);
  EXPECT_EQ(t.irq, 20u);
  EXPECT_EQ(t.softirq, 80u);
  EXPECT_EQ(t.steal, 5u);
  EXPECT_EQ(t.guest, 400u);
  EXPECT_EQ(t.guest_nice, 30u);
}

TEST(StatReader, OlderKernelsWithoutGuestColumnsLeaveThemZero) {
  StatReading reading;
  parse_stat(read_text_file(fixture_path("edge/stat-no-guest/proc/stat")), reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.cpus.at(0).times.columns, 8);
  EXPECT_EQ(reading.cpus.at(0).times.steal, 5u);
  EXPECT_EQ(reading.cpus.at(0).times.guest, 0u);
  EXPECT_EQ(reading.cpus.at(0).times.guest_nice, 0u);

  parse_stat(read_text_file(fixture_path("edge/stat-four-columns/proc/stat")), reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.total.columns, 4);
  EXPECT_EQ(reading.total.idle, 50000u);
  EXPECT_EQ(reading.total.iowait, 0u);
  EXPECT_FALSE(reading.procs_running.has_value());
  EXPECT_FALSE(reading.procs_blocked.has_value());
}

TEST(StatReader, KeepsOnlyTheOnlineCpusInFileOrder) {
  StatReading reading;
  parse_stat(read_text_file(fixture_path("edge/cpu-hotplug/t2/proc/stat")), reading);
  ASSERT_TRUE(reading.ok());
  ASSERT_EQ(reading.cpus.size(), 1u);
  EXPECT_EQ(reading.cpus[0].cpu, 0);
  parse_stat(read_text_file(fixture_path("edge/cpu-hotplug/t3/proc/stat")), reading);
  ASSERT_EQ(reading.cpus.size(), 2u);
  EXPECT_EQ(reading.cpus[1].cpu, 1);
  EXPECT_EQ(reading.cpus[1].times.idle, 3050u);
}

TEST(StatReader, TruncatedOrGarbageFilesGiveAnError) {
  StatReading reading;
  parse_stat(read_text_file(fixture_path("edge/truncated/proc/stat")), reading);
  EXPECT_FALSE(reading.ok());
  parse_stat(read_text_file(fixture_path("edge/garbage/proc/stat")), reading);
  EXPECT_FALSE(reading.ok());
  parse_stat("", reading);
  EXPECT_FALSE(reading.ok());
  parse_stat("ctxt 12\n", reading);  // no cpu line at all
  EXPECT_FALSE(reading.ok());
  parse_stat("cpu  1 2 3 4\nctxt x\n", reading);
  EXPECT_FALSE(reading.ok());
  parse_stat("cpu  1 2 3 4\ncpuX 1 2 3 4\n", reading);
  EXPECT_FALSE(reading.ok());
}

TEST(StatReader, AMissingFileNamesThePath) {
  std::string buffer;
  StatReading reading;
  read_stat(fixture_path("edge/does-not-exist/proc/stat"), buffer, reading);
  EXPECT_FALSE(reading.ok());
  EXPECT_NE(reading.error.find("does-not-exist"), std::string::npos);
}

TEST(StatReader, ClockTicksAreUserHz) { EXPECT_EQ(clock_ticks_per_second(), 100.0); }

// ------------------------------------------------------------ /proc/meminfo

TEST(MeminfoReader, ReadsEveryFieldOfTheRecordedMachineInOrder) {
  const Roots roots = fixture_roots("linux-debian12");
  std::string buffer;
  MeminfoReading reading;
  read_meminfo(roots.proc("meminfo"), buffer, reading);
  ASSERT_TRUE(reading.ok()) << reading.error;

  const std::string text = read_text_file(roots.proc("meminfo"));
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(reading.fields.size(), lines);
  EXPECT_EQ(reading.fields.front().name, "MemTotal");
  EXPECT_TRUE(reading.fields.front().kilobytes);
  EXPECT_EQ(reading.bytes("MemTotal"), first_number_after(text, "MemTotal:") * 1024);
  ASSERT_NE(reading.find("Active(anon)"), nullptr);
  ASSERT_NE(reading.find("HugePages_Total"), nullptr);
  EXPECT_FALSE(reading.find("HugePages_Total")->kilobytes);
}

TEST(MeminfoReader, FieldsWithoutUnitAreCounts) {
  MeminfoReading reading;
  parse_meminfo("MemTotal: 10 kB\nHugePages_Total:      7\nHugepagesize:  2048 kB\n", reading);
  ASSERT_TRUE(reading.ok());
  EXPECT_EQ(reading.bytes("MemTotal"), 10240u);
  EXPECT_EQ(reading.bytes("HugePages_Total"), 7u);
  EXPECT_EQ(reading.bytes("Hugepagesize"), 2048u * 1024u);
  EXPECT_FALSE(reading.bytes("MemAvailable").has_value());
}

TEST(MeminfoReader, ReusesItsStorageAcrossReads) {
  MeminfoReading reading;
  parse_meminfo("A: 1 kB\nB: 2 kB\nC: 3 kB\n", reading);
  parse_meminfo("A: 4 kB\n", reading);
  ASSERT_EQ(reading.fields.size(), 1u);
  EXPECT_EQ(reading.bytes("A"), 4096u);
  EXPECT_EQ(reading.find("B"), nullptr);
}

TEST(MeminfoReader, OldKernelWithoutMemAvailable) {
  MeminfoReading reading;
  parse_meminfo(read_text_file(fixture_path("edge/meminfo-no-memavailable/proc/meminfo")), reading);
  ASSERT_TRUE(reading.ok());
  EXPECT_EQ(reading.find("MemAvailable"), nullptr);
  EXPECT_EQ(reading.bytes("Cached"), 768000u * 1024u);
}

TEST(MeminfoReader, TruncatedOrGarbageFilesGiveAnError) {
  MeminfoReading reading;
  parse_meminfo(read_text_file(fixture_path("edge/truncated/proc/meminfo")), reading);
  EXPECT_FALSE(reading.ok());
  parse_meminfo(read_text_file(fixture_path("edge/garbage/proc/meminfo")), reading);
  EXPECT_FALSE(reading.ok());
  parse_meminfo("", reading);
  EXPECT_FALSE(reading.ok());
}

// ------------------------------------------------- /proc/spl/kstat/zfs/arcstats

TEST(ArcstatsReader, ReadsSizeAndFloor) {
  std::string buffer;
  ArcstatsReading reading;
  read_arcstats(fixture_path("edge/zfs-arcstats/proc/spl/kstat/zfs/arcstats"), buffer, reading);
  EXPECT_TRUE(reading.present);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.size, 3221225472u);
  EXPECT_EQ(reading.c_min, 1073741824u);
}

TEST(ArcstatsReader, NoZfsIsNotAnError) {
  std::string buffer;
  ArcstatsReading reading;
  read_arcstats(fixture_path("linux-debian12/proc/spl/kstat/zfs/arcstats-not-here"), buffer, reading);
  EXPECT_FALSE(reading.present);
  EXPECT_TRUE(reading.ok());
}

TEST(ArcstatsReader, AFileWithoutTheStatisticsIsAnError) {
  ArcstatsReading reading;
  parse_arcstats("13 1 0x01 2 0 0 0\nname type data\nhits 4 12\nsize 4 1", reading);
  EXPECT_TRUE(reading.present);
  EXPECT_FALSE(reading.ok());  // no c_min
}

// ------------------------------------------------------------ /proc/loadavg

TEST(LoadavgReader, ReadsTheRecordedMachine) {
  const Roots roots = fixture_roots("linux-debian12");
  std::string buffer;
  LoadavgReading reading;
  read_loadavg(roots.proc("loadavg"), buffer, reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  std::istringstream text(read_text_file(roots.proc("loadavg")));
  double one = -1, five = -1, fifteen = -1;
  text >> one >> five >> fifteen;
  EXPECT_EQ(reading.load1, one);
  EXPECT_EQ(reading.load5, five);
  EXPECT_EQ(reading.load15, fifteen);
}

TEST(LoadavgReader, ParsesExactly) {
  LoadavgReading reading;
  parse_loadavg("0.52 1.25 12.00 3/456 7890\n", reading);
  ASSERT_TRUE(reading.ok());
  EXPECT_EQ(reading.load1, 0.52);
  EXPECT_EQ(reading.load5, 1.25);
  EXPECT_EQ(reading.load15, 12.0);
  EXPECT_EQ(reading.last_pid, 7890);
}

TEST(LoadavgReader, TheLastPidIsOptional) {
  LoadavgReading reading;
  parse_loadavg("0.52 1.25 12.00 3/456 7890\n", reading);
  parse_loadavg("0.52 1.25 12.00\n", reading);  // the same reading reused: nothing left from before
  ASSERT_TRUE(reading.ok());
  EXPECT_FALSE(reading.last_pid.has_value());
  parse_loadavg("0.52 1.25 12.00 3/456 -1\n", reading);
  EXPECT_FALSE(reading.last_pid.has_value());
}

TEST(LoadavgReader, TruncatedOrGarbageFilesGiveAnError) {
  LoadavgReading reading;
  parse_loadavg(read_text_file(fixture_path("edge/truncated/proc/loadavg")), reading);
  EXPECT_FALSE(reading.ok());
  parse_loadavg(read_text_file(fixture_path("edge/garbage/proc/loadavg")), reading);
  EXPECT_FALSE(reading.ok());
}

// ------------------------------------------------------------- /proc/vmstat

TEST(VmstatReader, ReadsTheRecordedMachine) {
  const Roots roots = fixture_roots("linux-debian12");
  std::string buffer;
  VmstatReading reading;
  read_vmstat(roots.proc("vmstat"), buffer, reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  const std::string text = read_text_file(roots.proc("vmstat"));
  bool found = false;
  for (const auto& field : reading.fields) {
    if (field.name == "pgfault") {
      found = true;
      EXPECT_EQ(field.value, static_cast<double>(first_number_after(text, "pgfault")));
    }
  }
  EXPECT_TRUE(found);
}

TEST(VmstatReader, AcceptsNegativeAndHugeValues) {
  VmstatReading reading;
  parse_vmstat("nr_zone_write_pending -3\npgfault 18446744073709551615\n", reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.fields[0].value, -3.0);
  EXPECT_EQ(reading.fields[1].value, 18446744073709551615.0);
}

TEST(VmstatReader, TruncatedOrGarbageFilesGiveAnError) {
  VmstatReading reading;
  parse_vmstat(read_text_file(fixture_path("edge/truncated/proc/vmstat")), reading);
  EXPECT_FALSE(reading.ok());
  parse_vmstat(read_text_file(fixture_path("edge/garbage/proc/vmstat")), reading);
  EXPECT_FALSE(reading.ok());
}

// ----------------------------------------------------------- /proc/pressure

TEST(PressureReader, ReadsTheRecordedMachine) {
  const Roots roots = fixture_roots("linux-debian12");
  std::string buffer;
  PressureReading reading;
  read_pressure(roots.proc("pressure/io"), buffer, reading);
  ASSERT_EQ(reading.availability, PressureReading::Availability::kAvailable);
  ASSERT_TRUE(reading.ok()) << reading.error;
  ASSERT_TRUE(reading.some_total_us && reading.full_total_us);
  const std::string text = read_text_file(roots.proc("pressure/io"));
  const auto total = text.find("total=");
  EXPECT_EQ(*reading.some_total_us, std::stoull(text.substr(total + 6)));
}

TEST(PressureReader, IrqHasOnlyAFullLine) {
  std::string buffer;
  PressureReading reading;
  read_pressure(fixture_path("edge/pressure-irq/proc/pressure/irq"), buffer, reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_FALSE(reading.some_total_us.has_value());
  EXPECT_EQ(reading.full_total_us, 62500u);
}

TEST(PressureReader, AMissingFileIsReportedAsMissingNotAsAnError) {
  std::string buffer;
  PressureReading reading;
  read_pressure(fixture_path("edge/pressure-missing/proc/pressure/cpu"), buffer, reading);
  EXPECT_EQ(reading.availability, PressureReading::Availability::kMissing);
  EXPECT_TRUE(reading.ok());
}

TEST(PressureReader, TruncatedOrGarbageFilesGiveAnError) {
  std::string buffer;
  PressureReading reading;
  read_pressure(fixture_path("edge/truncated/proc/pressure/cpu"), buffer, reading);
  EXPECT_EQ(reading.availability, PressureReading::Availability::kAvailable);
  EXPECT_FALSE(reading.ok());
  read_pressure(fixture_path("edge/garbage/proc/pressure/cpu"), buffer, reading);
  EXPECT_FALSE(reading.ok());
  parse_pressure("", reading);
  EXPECT_FALSE(reading.ok());
}

// ------------------------------------------------------ /proc/sys/kernel/*

TEST(UnameReader, ReadsTheRecordedMachineThroughProcfs) {
  const Roots roots = fixture_roots("linux-debian12");
  UnameReader reader(roots);
  UnameReading reading;
  reader.read(reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.sysname, "Linux");
  std::string release = read_text_file(roots.proc("sys/kernel/osrelease"));
  release.pop_back();  // newline
  EXPECT_EQ(reading.release, release);
  EXPECT_EQ(reading.domainname, "(none)");
  EXPECT_FALSE(reading.nodename.empty());
  EXPECT_FALSE(reading.machine.empty());  // from uname(2)
}

TEST(UnameReader, AMissingFileIsAnError) {
  UnameReader reader(fixture_roots("edge/uname-missing"));
  UnameReading reading;
  reader.read(reading);
  EXPECT_FALSE(reading.ok());
  EXPECT_EQ(reading.release, "6.1.0-test");
}

// -------------------------------------------------------------- os-release

TEST(OsReleaseReader, ReadsTheRecordedMachine) {
  OsReleaseReading reading;
  read_os_release(fixture_roots("linux-debian12"), reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.id, "debian");
  EXPECT_EQ(reading.version_id, "12");
  EXPECT_EQ(reading.pretty_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_NE(reading.path.find("etc/os-release"), std::string::npos);
}

TEST(OsReleaseReader, FallsBackToUsrLibAndUnquotesAsTheShellDoes) {
  OsReleaseReading reading;
  read_os_release(fixture_roots("edge/os-release-usr-lib"), reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_NE(reading.path.find("usr/lib/os-release"), std::string::npos);
  EXPECT_EQ(reading.name, "Example Linux");
  EXPECT_EQ(reading.id_like, "ubuntu debian");
  EXPECT_EQ(reading.pretty_name, "Example Linux 22.04.3 \"Jammy\" $HOME");
  EXPECT_EQ(reading.version_id, "22.04.3");
  EXPECT_EQ(reading.variant, "Server Edition");
  EXPECT_EQ(reading.support_end, "2027-06-30");
}

TEST(OsReleaseReader, NoFileIsAnError) {
  OsReleaseReading reading;
  read_os_release(fixture_roots("edge/pressure-missing"), reading);
  EXPECT_FALSE(reading.ok());
}

// ------------------------------------------------------------ clocksources

TEST(ClocksourceReader, ReadsTheRecordedMachine) {
  const Roots roots = fixture_roots("linux-debian12");
  ClocksourceReading reading;
  read_clocksources(roots, reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  ASSERT_EQ(reading.devices.size(), 1u);
  EXPECT_EQ(reading.devices[0].device, "0");
  std::string current = read_text_file(roots.sys("devices/system/clocksource/clocksource0/current_clocksource"));
  current.pop_back();
  EXPECT_EQ(reading.devices[0].current, current);
  EXPECT_FALSE(reading.devices[0].available.empty());
}

TEST(ClocksourceReader, SplitsTheAvailableListPerDevice) {
  ClocksourceReading reading;
  read_clocksources(fixture_roots("edge/clocksource-two"), reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  ASSERT_EQ(reading.devices.size(), 2u);
  EXPECT_EQ(reading.devices[0].available, (std::vector<std::string>{"tsc", "hpet", "acpi_pm"}));
  EXPECT_EQ(reading.devices[1].device, "1");
  EXPECT_EQ(reading.devices[1].current, "arch_sys_counter");
}

TEST(ClocksourceReader, AKeptReaderFollowsTheCurrentClocksource) {
  const auto tree = std::filesystem::temp_directory_path() / ("hx-clocksource-" + std::to_string(::getpid()));
  std::filesystem::remove_all(tree);
  const auto device = tree / "sys/devices/system/clocksource/clocksource0";
  std::filesystem::create_directories(device);
  std::ofstream(device / "available_clocksource") << "tsc hpet \n";
  std::ofstream(device / "current_clocksource") << "tsc\n";
  Roots roots;
  roots.sysfs = (tree / "sys").string();
  ClocksourceReader reader(roots);
  ClocksourceReading reading;
  reader.read(reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  ASSERT_EQ(reading.devices.size(), 1u);
  EXPECT_EQ(reading.devices[0].current, "tsc");

  std::ofstream(device / "current_clocksource") << "hpet\n";
  reader.read(reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.devices[0].current, "hpet");
  EXPECT_EQ(reading.devices[0].available, (std::vector<std::string>{"tsc", "hpet"}));

  std::filesystem::remove(device / "current_clocksource");
  reader.read(reading);
  EXPECT_FALSE(reading.ok());
  EXPECT_TRUE(reading.devices.empty());
  std::filesystem::remove_all(tree);
}

TEST(ClocksourceReader, NoDirectoryMeansNoDevices) {
  ClocksourceReading reading;
  read_clocksources(fixture_roots("edge/pressure-missing"), reading);
  EXPECT_TRUE(reading.ok());
  EXPECT_TRUE(reading.devices.empty());
}

TEST(TimeZone, FollowsTz) {
  ::setenv("TZ", "UTC0", 1);
  ::tzset();
  TimeZoneReading zone = local_time_zone(1700000000);
  EXPECT_EQ(zone.name, "UTC");
  EXPECT_EQ(zone.offset_seconds, 0);
  ::setenv("TZ", "EST+5", 1);
  ::tzset();
  zone = local_time_zone(1700000000);
  EXPECT_EQ(zone.name, "EST");
  EXPECT_EQ(zone.offset_seconds, -5 * 3600);
  ::unsetenv("TZ");
  ::tzset();
}

}  // namespace
}  // namespace host_exporter::platform
