// /proc/[pid]/stat parsing and the process table reader, on the churn fixture
// (a comm with ')' and spaces, a zombie, a thread-heavy process, a process that
// exited between stat and status, an empty pid directory) and on the live /proc.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "platform/linux/process_stat.hpp"
#include "platform/linux/process_table_reader.hpp"
#include "support/fixtures.hpp"

namespace host_exporter::platform {
namespace {

using test::fixture_path;

const ProcessReading* find(const ProcessTable& table, int pid) {
  for (const auto& process : table.processes) {
    if (process.stat.pid == pid) return &process;
  }
  return nullptr;
}

TEST(ProcessStat, NameRunsToTheLastClosingParenthesis) {
  ProcessStat stat;
  ASSERT_TRUE(parse_process_stat(
      "42 (a) b (c) d) R 7 0 0 0 -1 0 0 0 0 0 150 25 0 0 20 0 3 0 9000 123 77 0 0\n", stat));
  EXPECT_EQ(stat.pid, 42);
  EXPECT_EQ(stat.comm, "a) b (c) d");
  EXPECT_EQ(stat.state, 'R');
  EXPECT_EQ(stat.ppid, 7);
  EXPECT_EQ(stat.utime_ticks, 150u);
  EXPECT_EQ(stat.stime_ticks, 25u);
  EXPECT_EQ(stat.threads, 3);
  EXPECT_EQ(stat.starttime_ticks, 9000u);
  EXPECT_EQ(stat.rss_pages, 77u);
}

TEST(ProcessStat, RefusesTruncatedAndMalformedText) {
  ProcessStat stat;
  EXPECT_FALSE(parse_process_stat("", stat));
  EXPECT_FALSE(parse_process_stat("42 (name", stat));
  EXPECT_FALSE(parse_process_stat("42 (name) S 1 0 0 0 -1 0 0 0 0 0 150", stat));  // cut before rss
  EXPECT_FALSE(parse_process_stat("x (name) S 1 0 0 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 1 1", stat));
  EXPECT_FALSE(parse_process_stat("42 (name) S 1 0 0 0 -1 0 0 0 0 0 one 2 0 0 20 0 1 0 9 1 1", stat));
}

TEST(ProcessStat, NegativeRssDoesNotWrap) {
  ProcessStat stat;
  ASSERT_TRUE(parse_process_stat("5 (x) S 1 0 0 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 1 -3", stat));
  EXPECT_EQ(stat.rss_pages, 0u);
}

TEST(ProcessStat, StateNames) {
  EXPECT_EQ(process_state_name('R'), "running");
  EXPECT_EQ(process_state_name('S'), "sleeping");
  EXPECT_EQ(process_state_name('D'), "disk-sleep");
  EXPECT_EQ(process_state_name('Z'), "zombie");
  EXPECT_EQ(process_state_name('T'), "stopped");
  EXPECT_EQ(process_state_name('t'), "tracing-stop");
  EXPECT_EQ(process_state_name('X'), "dead");
  EXPECT_EQ(process_state_name('I'), "idle");
  EXPECT_EQ(process_state_name('?'), "unknown");
}

TEST(ProcessTableReader, ReadsTheChurnFixture) {
  Roots roots;
  roots.procfs = fixture_path("processes/churn/proc");
  ProcessTableReader reader(roots);
  ProcessTable table;
  ASSERT_TRUE(reader.read(table, ProcessReadOptions{}));
  EXPECT_TRUE(table.ok());

  // 1, 2, 11, 100, 101, 200, 300, 400; not 500 (no stat) nor "self".
  EXPECT_EQ(table.processes.size(), 8u);
  EXPECT_EQ(find(table, 500), nullptr);

  const auto* weird = find(table, 100);
  ASSERT_NE(weird, nullptr);
  EXPECT_EQ(weird->stat.comm, "evil) (name x");
  EXPECT_EQ(weird->stat.utime_ticks, 500u);
  ASSERT_TRUE(weird->open_fds.has_value());
  EXPECT_EQ(*weird->open_fds, 7u);

  const auto* zombie = find(table, 200);
  ASSERT_NE(zombie, nullptr);
  EXPECT_EQ(zombie->stat.state, 'Z');
  EXPECT_EQ(zombie->open_fds, std::optional<std::uint64_t>(0));  // ".gitkeep" is not a descriptor

  const auto* java = find(table, 300);
  ASSERT_NE(java, nullptr);
  EXPECT_EQ(java->stat.threads, 250);
  EXPECT_EQ(*java->open_fds, 40u);

  // Gone between stat and fd/: still a process of this window, its descriptors unknown.
  const auto* gone = find(table, 400);
  ASSERT_NE(gone, nullptr);
  EXPECT_FALSE(gone->open_fds.has_value());
  // 2, 11 (no fd/ in the fixture, as for a kernel thread read without privilege) and 400.
  EXPECT_EQ(table.fds_unreadable, 3u);
  EXPECT_FALSE(gone->uid.has_value());
}

TEST(ProcessTableReader, OwnerModeSkipsAProcessWhoseStatusVanished) {
  Roots roots;
  roots.procfs = fixture_path("processes/churn/proc");
  ProcessTableReader reader(roots);
  ProcessTable table;
  ProcessReadOptions options;
  options.owner = true;
  ASSERT_TRUE(reader.read(table, options));
  EXPECT_EQ(find(table, 400), nullptr);
  ASSERT_NE(find(table, 300), nullptr);
  EXPECT_EQ(find(table, 300)->uid, std::optional<std::uint32_t>(998));
  EXPECT_EQ(table.processes.size(), 7u);
}

TEST(ProcessTableReader, MissingRootIsAnErrorNotACrash) {
  Roots roots;
  roots.procfs = fixture_path("processes/does-not-exist");
  ProcessTableReader reader(roots);
  ProcessTable table;
  EXPECT_FALSE(reader.read(table, ProcessReadOptions{}));
  EXPECT_FALSE(table.ok());
  EXPECT_NE(table.error.find("does-not-exist"), std::string::npos);
}

TEST(ProcessTableReader, CommandLineOfAGoneProcessIsFalse) {
  Roots roots;
  roots.procfs = fixture_path("processes/churn/proc");
  ProcessTableReader reader(roots);
  std::string cmdline = "stale";
  EXPECT_FALSE(reader.read_cmdline(400, cmdline, 64));
  EXPECT_TRUE(cmdline.empty());
}

TEST(ProcessTableReader, ReadsThisProcessOnTheLiveSystem) {
  ProcessTableReader reader(Roots{});
  ProcessTable table;
  ASSERT_TRUE(reader.read(table, ProcessReadOptions{}));
  const auto* self = find(table, static_cast<int>(::getpid()));
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self->stat.ppid, static_cast<int>(::getppid()));
  ASSERT_TRUE(self->open_fds.has_value());
  EXPECT_GE(*self->open_fds, 1u);  // at least the procfs root this reader keeps open

  std::string cmdline;
  ASSERT_TRUE(reader.read_cmdline(static_cast<int>(::getpid()), cmdline, 4096));
  EXPECT_NE(cmdline.find("process"), std::string::npos);  // this test binary's name
  EXPECT_EQ(cmdline.find('\0'), std::string::npos);
}

}  // namespace
}  // namespace host_exporter::platform
