// /proc/[pid]/stat parsing and the process table reader, on the churn fixture
// (a comm with ')' and spaces, a zombie, a thread-heavy process, a process that
// exited between stat and status, an empty pid directory) and on the live /proc.

#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "platform/linux/process_stat.hpp"
#include "platform/linux/process_table_reader.hpp"
#include "support/fixtures.hpp"

namespace host_exporter::platform {
namespace {

using test::fixture_path;

bool has_duplicate_pids(const ProcessTable& table) {
  std::vector<int> pids;
  for (const auto& process : table.processes) pids.push_back(process.stat.pid);
  std::sort(pids.begin(), pids.end());
  return std::adjacent_find(pids.begin(), pids.end()) != pids.end();
}

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

TEST(ProcessStat, ToleratesRunsOfBlanksAndAFinalNewline) {
  ProcessStat stat;
  ASSERT_TRUE(parse_process_stat("7  (x)\tR \t 1 0 0 0 -1 0 0 0 0 0 4 5 0 0 20 0 2 0 9 1 6\n", stat));
  EXPECT_EQ(stat.pid, 7);
  EXPECT_EQ(stat.state, 'R');
  EXPECT_EQ(stat.utime_ticks, 4u);
  EXPECT_EQ(stat.stime_ticks, 5u);
  EXPECT_EQ(stat.threads, 2);
  EXPECT_EQ(stat.rss_pages, 6u);
  // A field that is nothing but the newline is no field.
  EXPECT_FALSE(parse_process_stat("7 (x) R 1 0 0 0 -1 0 0 0 0 0 4 5 0 0 20 0 2 0 9 1 \n", stat));
}

TEST(ProcessStat, NumbersAreWholeAndInRange) {
  ProcessStat stat;
  // The largest unsigned 64-bit tick count is a number; one more is not.
  ASSERT_TRUE(parse_process_stat("5 (x) S 1 0 0 0 -1 0 0 0 0 0 18446744073709551615 2 0 0 20 0 1 0 9 1 3", stat));
  EXPECT_EQ(stat.utime_ticks, 18446744073709551615u);
  EXPECT_FALSE(parse_process_stat("5 (x) S 1 0 0 0 -1 0 0 0 0 0 18446744073709551616 2 0 0 20 0 1 0 9 1 3", stat));
  // No sign on an unsigned field, no '+' anywhere, no trailing garbage.
  EXPECT_FALSE(parse_process_stat("5 (x) S 1 0 0 0 -1 0 0 0 0 0 -1 2 0 0 20 0 1 0 9 1 3", stat));
  EXPECT_FALSE(parse_process_stat("5 (x) S +1 0 0 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 1 3", stat));
  EXPECT_FALSE(parse_process_stat("5 (x) S 1 0 0 0 -1 0 0 0 0 0 1 2 0 0 20 0 1x 0 9 1 3", stat));
  // The most negative rss is still a number (and still no memory).
  ASSERT_TRUE(parse_process_stat("5 (x) S 1 0 0 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 1 -9223372036854775808", stat));
  EXPECT_EQ(stat.rss_pages, 0u);
  EXPECT_FALSE(parse_process_stat("5 (x) S 1 0 0 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 1 -9223372036854775809", stat));
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

// A child that pauses until stopped, or until this test process dies (so a failed
// assertion leaves nothing behind).
class PausedChild {
 public:
  PausedChild() : parent_(::getpid()), pid_(::fork()) {
    if (pid_ != 0) return;
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent_) ::_exit(0);
    for (;;) ::pause();
  }
  ~PausedChild() { stop(); }
  PausedChild(const PausedChild&) = delete;
  PausedChild& operator=(const PausedChild&) = delete;

  int pid() const { return static_cast<int>(pid_); }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t parent_;
  pid_t pid_;
};

// Successive reads on the live system: a process started between two reads is in the
// second, one that exited is gone from the next, however the reader got its pid list
// (a fresh listing, the last one when no pid was allocated since, or the last one plus
// a listing from the last pid seen on).
TEST(ProcessTableReader, FollowsProcessesStartingAndExitingBetweenReads) {
  ProcessTableReader reader(Roots{});
  ProcessTable table;
  ProcessReadOptions options;
  options.open_fds = false;
  ASSERT_TRUE(reader.read(table, options));

  PausedChild first;
  const int child = first.pid();
  ASSERT_GT(child, 0);
  ASSERT_TRUE(reader.read(table, options));
  const auto* started = find(table, child);
  ASSERT_NE(started, nullptr);
  EXPECT_EQ(started->stat.ppid, static_cast<int>(::getpid()));
  EXPECT_FALSE(has_duplicate_pids(table));

  first.stop();
  for (int i = 0; i < 3; ++i) {  // also through reads that reuse the listing
    ASSERT_TRUE(reader.read(table, options));
    EXPECT_EQ(find(table, child), nullptr) << "read " << i;
    EXPECT_NE(find(table, static_cast<int>(::getpid())), nullptr) << "read " << i;
    EXPECT_FALSE(has_duplicate_pids(table)) << "read " << i;
  }

  // Several at once, then one more (listed from the last pid seen on, when pids did not wrap).
  std::vector<std::unique_ptr<PausedChild>> children;
  for (int i = 0; i < 4; ++i) children.push_back(std::make_unique<PausedChild>());
  ASSERT_TRUE(reader.read(table, options));
  for (const auto& each : children) EXPECT_NE(find(table, each->pid()), nullptr) << each->pid();
  PausedChild last;
  ASSERT_TRUE(reader.read(table, options));
  for (const auto& each : children) EXPECT_NE(find(table, each->pid()), nullptr) << each->pid();
  EXPECT_NE(find(table, last.pid()), nullptr);
  EXPECT_FALSE(has_duplicate_pids(table));
}

// Counting through the descriptor the reader keeps sees descriptors opened and closed
// since the last count, and nothing once the process has exited.
TEST(ProcessTableReader, CountsDescriptorsLiveThroughAKeptDirectory) {
  ProcessTableReader reader(Roots{});
  ProcessTable table;
  ProcessReadOptions options;
  options.open_fds = false;
  ASSERT_TRUE(reader.read(table, options));
  const int self = static_cast<int>(::getpid());
  const auto before = reader.count_open_fds(self);
  ASSERT_TRUE(before.has_value());

  int extra[3];
  for (int& fd : extra) fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  EXPECT_EQ(reader.count_open_fds(self), std::optional<std::uint64_t>(*before + 3));
  for (const int fd : extra) ::close(fd);
  EXPECT_EQ(reader.count_open_fds(self), before);

  PausedChild child;
  const int pid = child.pid();
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(reader.read(table, options));
  ASSERT_NE(find(table, pid), nullptr);
  EXPECT_TRUE(reader.count_open_fds(pid).has_value());
  child.stop();
  EXPECT_FALSE(reader.count_open_fds(pid).has_value());
}

}  // namespace
}  // namespace host_exporter::platform
