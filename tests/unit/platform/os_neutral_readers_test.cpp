// The OS-neutral interfaces of src/platform/*.hpp as Linux implements them, on recorded
// trees: doctor's machine size, verify's CPU ticks and the snapshot's process list; and the
// filesystem type of a path (whether the textfile collector may read inline), on this machine.
// (macOS implements the same headers in src/platform/darwin/, compiled by darwin-check.)

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "platform/cpu_tick_reader.hpp"
#include "platform/filesystem_type.hpp"
#include "platform/host_size.hpp"
#include "platform/kernel_roots.hpp"
#include "platform/process_access.hpp"
#include "platform/process_list_reader.hpp"
#include "platform/roots.hpp"
#include "support/fixtures.hpp"

namespace host_exporter::platform {
namespace {

using test::fixture_path;
using test::fixture_roots;

TEST(HostSize, MemoryTotalAndOnlineCpusOfTheRecordedMachine) {
  const HostSize size = read_host_size(fixture_roots("linux-debian12"));
  ASSERT_TRUE(size.memory_bytes.has_value()) << size.memory_error;
  EXPECT_EQ(*size.memory_bytes, 24684096ull * 1024);  // MemTotal: 24684096 kB
  EXPECT_EQ(size.cpus, 2u);                           // cpu0 and cpu1
  EXPECT_TRUE(size.memory_error.empty());
  EXPECT_TRUE(size.cpu_error.empty());
  EXPECT_EQ(size.memory_source, fixture_path("linux-debian12/proc/meminfo"));
  EXPECT_EQ(size.cpu_source, fixture_path("linux-debian12/proc/stat"));
}

TEST(HostSize, SaysWhyWhenProcfsIsMissing) {
  const HostSize size = read_host_size(fixture_roots("no-such-tree"));
  EXPECT_FALSE(size.memory_bytes.has_value());
  EXPECT_EQ(size.cpus, 0u);
  EXPECT_FALSE(size.memory_error.empty());
  EXPECT_FALSE(size.cpu_error.empty());
}

TEST(CpuTickReader, BtopsBusyAndTotalOfTheAggregateLine) {
  CpuTickReader reader(fixture_roots("linux-debian12"));
  std::string error;
  const auto ticks = reader.read(error);
  ASSERT_TRUE(ticks.has_value()) << error;
  // "cpu  3413 0 2795 153062 2204 0 40 14 0 0": the first eight columns, busy without idle and iowait.
  EXPECT_EQ(ticks->total, 3413.0 + 2795 + 153062 + 2204 + 40 + 14);
  EXPECT_EQ(ticks->busy, 3413.0 + 2795 + 40 + 14);
  // Read again through the same reader (its buffers are reused).
  EXPECT_EQ(reader.read(error)->total, ticks->total);
}

TEST(CpuTickReader, NothingWithoutAStatFile) {
  CpuTickReader reader(fixture_roots("no-such-tree"));
  std::string error;
  EXPECT_FALSE(reader.read(error).has_value());
  EXPECT_FALSE(error.empty());
}

TEST(ProcessListReader, ProcessesWithOwnersAndTheMachinesTicks) {
  ProcessListReader reader(fixture_roots("processes/churn"));
  ProcessListSample sample;
  ASSERT_TRUE(reader.read(sample)) << sample.table.error;
  // "cpu  95651 8144 14174 194511 2371 0 63 122 0 0"
  EXPECT_EQ(sample.cpu_total, 95651.0 + 8144 + 14174 + 194511 + 2371 + 63 + 122);
  ASSERT_FALSE(sample.table.processes.empty());
  bool saw_evil = false;
  for (const auto& process : sample.table.processes) {
    if (process.stat.pid != 100) continue;
    saw_evil = true;
    EXPECT_EQ(process.stat.comm, "evil) (name x");
    EXPECT_EQ(process.stat.utime_ticks, 500u);
    EXPECT_TRUE(process.uid.has_value());
  }
  EXPECT_TRUE(saw_evil);
  EXPECT_GT(reader.resident_unit_bytes(), 0.0);
}

TEST(ProcessListReader, UserNamesFromTheRootsPasswd) {
  const auto dir = std::filesystem::temp_directory_path() / ("hx_passwd_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "etc");
  std::ofstream(dir / "etc/passwd") << "root:x:0:0:root:/root:/bin/bash\n"
                                       "broken line\n"
                                       "alice:x:1000:1000::/home/alice:/bin/sh\n";
  Roots roots = fixture_roots("processes/churn");
  roots.rootfs = dir.string();
  ProcessListReader reader(roots);
  const auto users = reader.user_names(ProcessTable{});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(users, (std::vector<std::pair<std::uint32_t, std::string>>{{0, "root"}, {1000, "alice"}}));
}

TEST(ProcessAccess, CountsTheListedProcesses) {
  const ProcessAccessSummary access = probe_process_access(fixture_roots("processes/churn"));
  ASSERT_TRUE(access.ok()) << access.error;
  EXPECT_GT(access.processes, 0u);
  EXPECT_EQ(access.source, fixture_path("processes/churn/proc"));
}

TEST(ProcessAccess, ErrorWhenProcfsCannotBeListed) {
  const ProcessAccessSummary access = probe_process_access(fixture_roots("no-such-tree"));
  EXPECT_FALSE(access.ok());
}

TEST(KernelRoots, TheRunningKernelsProcAndSysButNoFixtureTree) {
  EXPECT_TRUE(collectors_read_the_kernel(Roots{}));  // /proc and /sys
  Roots fixture;
  fixture.procfs = test::fixture_path("linux-debian12/proc");
  EXPECT_FALSE(collectors_read_the_kernel(fixture));
  Roots no_sysfs;
  no_sysfs.sysfs = "/proc";  // a kernel filesystem, but not sysfs
  EXPECT_FALSE(collectors_read_the_kernel(no_sysfs));
}

TEST(FilesystemType, OfAPathItsParentsAndALinkToIt) {
  EXPECT_EQ(filesystem_type_of("/proc"), "proc");
  EXPECT_EQ(filesystem_type_of("/proc/self/status"), "proc");
  EXPECT_EQ(filesystem_type_of("/proc/no-such-entry/deeper"), "proc");  // the nearest existing parent

  const std::filesystem::path directory = std::filesystem::temp_directory_path() / ("hx-fstype-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  std::filesystem::create_directory_symlink("/proc", directory / "to-proc");
  const std::string own = filesystem_type_of(directory.string());
  EXPECT_FALSE(own.empty());
  EXPECT_NE(own, "proc");
  EXPECT_EQ(filesystem_type_of((directory / "missing" / "child").string()), own);
  EXPECT_EQ(filesystem_type_of((directory / "to-proc").string()), "proc");  // links are followed
  std::filesystem::remove_all(directory);
}

TEST(FilesystemType, NearestExistingPathOfMissingAndRelativePaths) {
  EXPECT_EQ(resolve_nearest_existing("/no-such-directory-hx/a/b/"), "/");
  EXPECT_EQ(resolve_nearest_existing("/proc/self/../self"), std::filesystem::canonical("/proc/self").string());
  EXPECT_EQ(resolve_nearest_existing("no-such-relative-hx/x"), std::filesystem::current_path().string());
  EXPECT_EQ(resolve_nearest_existing(""), std::filesystem::current_path().string());
}

}  // namespace
}  // namespace host_exporter::platform
