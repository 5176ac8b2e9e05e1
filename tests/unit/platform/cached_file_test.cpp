// CachedFile: procfs files stay open and show current contents; other files are
// opened each time, so a replaced file is seen; a kept file whose process is gone
// is reported, not read stale.

#include <gtest/gtest.h>

#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "platform/linux/cached_file.hpp"
#include "platform/linux/missing_kernel_path.hpp"
#include "platform/linux/mounts_reader.hpp"
#include "platform/linux/uname_reader.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {
namespace {

namespace fs = std::filesystem;

// A whole file read independently of the code under test.
std::string read_text_file_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A scratch directory removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "hx-cached-file-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

  // Writes `text` to a new file and renames it over `relative`, as tools replace files.
  void replace(const std::string& relative, const std::string& text) const {
    const fs::path target = fs::path(path_) / relative;
    fs::create_directories(target.parent_path());
    const fs::path staged = target.string() + ".new";
    std::ofstream(staged) << text;
    fs::rename(staged, target);
  }

 private:
  std::string path_;
};

TEST(CachedFile, KeepsAProcfsFileOpenAndReadsItsCurrentContents) {
  char original[16] = {};
  ASSERT_EQ(::prctl(PR_GET_NAME, original), 0);
  CachedFile file("/proc/self/comm");
  std::string text;
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, std::string(original) + "\n");
  EXPECT_TRUE(file.kept_open());

  ASSERT_EQ(::prctl(PR_SET_NAME, "hx-renamed"), 0);
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, "hx-renamed\n");  // rendered afresh by pread at offset 0, not the first read again
  EXPECT_TRUE(file.kept_open());
  ::prctl(PR_SET_NAME, original);
}

TEST(CachedFile, ReadsAFileLargerThanOneKernelBufferWhole) {
  // seq_file hands out about a page per read; a short read is not the end.
  CachedFile file("/proc/self/maps");
  std::string kept;
  ASSERT_TRUE(file.read(kept));
  ASSERT_TRUE(file.read(kept));
  EXPECT_TRUE(file.kept_open());
  EXPECT_GT(kept.size(), 4096u);
  EXPECT_EQ(kept.back(), '\n');
  EXPECT_NE(kept.find("[stack]"), std::string::npos);  // near the end of the listing
}

TEST(CachedFile, AWholeRenderedFileIsReadWholeEvenWhenLargerThanOneRead) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  std::string big;
  for (int line = 0; big.size() < 20000; ++line) big += "line " + std::to_string(line) + "\n";
  dir.replace("big", big);
  CachedFile file(dir.path() + "/big", Rendering::kWhole);
  std::string text;
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, big);  // full reads go on; only a short one ends it
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, big);  // read straight into the string now that it has held a large file
  std::string small = "x";
  dir.replace("big", small);
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, small);

  CachedFile version("/proc/version", Rendering::kWhole);  // single_open: one piece
  ASSERT_TRUE(version.read(text));
  EXPECT_EQ(text, read_text_file_whole("/proc/version"));
  ASSERT_TRUE(version.read(text));
  EXPECT_EQ(text, read_text_file_whole("/proc/version"));
}

TEST(CachedFile, ASysctlFileIsReadWholeThoughReadInSmallPieces) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  std::string long_value(1000, 'v');  // several of its small reads, the last one short
  long_value += "\n";
  dir.replace("value", long_value);
  CachedFile file(dir.path() + "/value", Rendering::kSysctl);
  std::string text;
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, long_value);
  dir.replace("value", "1\n");
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, "1\n");

  CachedFile hostname("/proc/sys/kernel/hostname", Rendering::kSysctl);
  char name[256] = {};
  ASSERT_EQ(::gethostname(name, sizeof name - 1), 0);
  for (int pass = 0; pass < 2; ++pass) {  // the second through the kept descriptor
    ASSERT_TRUE(hostname.read(text));
    EXPECT_EQ(text, std::string(name) + "\n");
  }
  EXPECT_TRUE(hostname.kept_open());
}

// In a child with a mount namespace of its own: a kept /proc/self/mounts says nothing
// changed until something is mounted, says so once, and reads the new table.
// Exit codes: 0 pass, 77 no namespace allowed here, other: the failed step.
int mount_change_steps(const std::string& target) {
  if (::unshare(CLONE_NEWNS) != 0 && ::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return 77;
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 77;
  CachedFile file("/proc/self/mounts");
  std::string text;
  if (!file.read(text) || !file.kept_open()) return 1;
  if (file.may_have_changed()) return 2;
  if (::mount("hx-test", target.c_str(), "tmpfs", 0, nullptr) != 0) return 77;
  if (!file.may_have_changed()) return 3;
  if (!file.read(text) || text.find(target) == std::string::npos) return 4;
  if (file.may_have_changed()) return 5;  // reported once per change
  return 0;
}

TEST(CachedFile, AKeptMountTableSaysWhenItChanged) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(mount_change_steps(dir.path()));
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "no mount namespace allowed here";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "failed at step " << WEXITSTATUS(status);
}

TEST(CachedFile, AFileNotKeptOpenMayAlwaysHaveChanged) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  dir.replace("mounts", "/dev/vda / ext4 rw 0 0\n");
  CachedFile file(dir.path() + "/mounts");
  std::string text;
  ASSERT_TRUE(file.read(text));
  EXPECT_TRUE(file.may_have_changed());
}

TEST(CachedFile, OpensARegularFileEachTimeSoAReplacementIsSeen) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  dir.replace("loadavg", "0.10 0.20 0.30 1/100 42\n");
  CachedFile file(dir.path() + "/loadavg");
  std::string text;
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, "0.10 0.20 0.30 1/100 42\n");
  EXPECT_FALSE(file.kept_open());

  dir.replace("loadavg", "9.00 9.00 9.00 1/100 43\n");
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, "9.00 9.00 9.00 1/100 43\n");
}

TEST(CachedFile, AMissingFileFailsWithItsErrno) {
  CachedFile file("/proc/self/no-such-file");
  std::string text = "stale";
  std::string error;
  EXPECT_FALSE(file.read(text, &error));
  EXPECT_EQ(file.error_number(), ENOENT);
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(text.empty());
  EXPECT_FALSE(file.kept_open());

  text = "stale";
  error.clear();
  EXPECT_FALSE(file.read(text, &error));  // remembered as missing: the same answer
  EXPECT_EQ(file.error_number(), ENOENT);
  EXPECT_EQ(error, std::strerror(ENOENT));
  EXPECT_TRUE(text.empty());
}

TEST(CachedFile, AMissingFileOfAFixtureTreeIsSeenAsSoonAsItAppears) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  CachedFile file(dir.path() + "/proc/pressure/irq", Rendering::kWhole);
  std::string text;
  EXPECT_FALSE(file.read(text));
  EXPECT_EQ(file.error_number(), ENOENT);

  dir.replace("proc/pressure/irq", "full avg10=0.00 avg60=0.00 avg300=0.00 total=7\n");
  ASSERT_TRUE(file.read(text));
  EXPECT_EQ(text, "full avg10=0.00 avg60=0.00 avg300=0.00 total=7\n");
}

TEST(MissingKernelPath, RemembersAMissingProcfsOrSysfsPathUntilTheRecheck) {
  MissingKernelPath proc;
  EXPECT_FALSE(proc.remembered());
  proc.note_failure("/proc/spl/kstat/zfs/arcstats-of-no-module", ENOENT);  // missing directories above it too
  EXPECT_TRUE(proc.remembered());

  MissingKernelPath sys;
  sys.note_failure("/sys/class/no-such-class-hx/name", ENOENT);
  EXPECT_TRUE(sys.remembered());

  MissingKernelPath due_at_once(std::chrono::seconds(0));
  due_at_once.note_failure("/proc/self/no-such-file", ENOENT);
  EXPECT_FALSE(due_at_once.remembered());
}

TEST(MissingKernelPath, RemembersNothingElse) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  MissingKernelPath fixture;
  fixture.note_failure(dir.path() + "/proc/pressure/irq", ENOENT);  // a regular file system
  EXPECT_FALSE(fixture.remembered());

  MissingKernelPath denied;
  denied.note_failure("/proc/self/no-such-file", EACCES);  // only "does not exist" is remembered
  EXPECT_FALSE(denied.remembered());
}

TEST(CachedFile, AKeptFileWhoseProcessIsGoneFailsInsteadOfReadingStale) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::pause();
    ::_exit(0);
  }
  CachedFile file("/proc/" + std::to_string(child) + "/stat");
  std::string text;
  ASSERT_TRUE(file.read(text));
  EXPECT_TRUE(file.kept_open());
  EXPECT_EQ(text.rfind(std::to_string(child) + " (", 0), 0u);

  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_FALSE(file.read(text));  // the kept descriptor fails, and so does opening the path again
  EXPECT_EQ(file.error_number(), ENOENT);
  EXPECT_FALSE(file.kept_open());
}

// ------------------------------------------------------- readers over it

TEST(MountsReader, ParsesAgainOnlyWhenTheTableChanged) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  dir.replace("proc/1/mounts", "/dev/vda / ext4 rw 0 0\n");
  Roots roots;
  roots.procfs = dir.path() + "/proc";
  MountsReader reader(roots);
  MountsReading reading;
  ASSERT_TRUE(reader.read(reading)) << reading.error;
  ASSERT_EQ(reading.mounts.size(), 1u);

  // The same bytes: the reading is left as the last parse made it (here marked, to see it).
  reading.mounts[0].options = "marked";
  ASSERT_TRUE(reader.read(reading));
  EXPECT_EQ(reading.mounts[0].options, "marked");

  dir.replace("proc/1/mounts", "/dev/vda / ext4 ro 0 0\ntmpfs /run tmpfs rw 0 0\n");
  ASSERT_TRUE(reader.read(reading));
  ASSERT_EQ(reading.mounts.size(), 2u);
  EXPECT_EQ(reading.mounts[0].options, "ro");
  EXPECT_EQ(reading.mounts[1].mountpoint, "/run");

  dir.replace("proc/1/mounts", "broken\n");
  EXPECT_FALSE(reader.read(reading));
  dir.replace("proc/1/mounts", "/dev/vda / ext4 ro 0 0\ntmpfs /run tmpfs rw 0 0\n");
  ASSERT_TRUE(reader.read(reading));  // the bytes of two reads ago, parsed again after the failure
  EXPECT_TRUE(reading.error.empty());
  EXPECT_EQ(reading.mounts.size(), 2u);
}

TEST(UnameReader, ReadsTheHostNameEachTimeAndTheKernelOnce) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  dir.replace("proc/sys/kernel/ostype", "Linux\n");
  dir.replace("proc/sys/kernel/osrelease", "6.1.0-first\n");
  dir.replace("proc/sys/kernel/version", "#1 SMP\n");
  dir.replace("proc/sys/kernel/hostname", "alpha\n");
  dir.replace("proc/sys/kernel/domainname", "(none)\n");
  Roots roots;
  roots.procfs = dir.path() + "/proc";
  UnameReader reader(roots);
  UnameReading reading;
  reader.read(reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.nodename, "alpha");
  EXPECT_EQ(reading.release, "6.1.0-first");

  dir.replace("proc/sys/kernel/hostname", "beta\n");
  dir.replace("proc/sys/kernel/domainname", "example.org\n");
  dir.replace("proc/sys/kernel/osrelease", "6.1.0-second\n");  // cannot happen without a reboot
  reader.read(reading);
  ASSERT_TRUE(reading.ok()) << reading.error;
  EXPECT_EQ(reading.nodename, "beta");
  EXPECT_EQ(reading.domainname, "example.org");
  EXPECT_EQ(reading.release, "6.1.0-first");
  EXPECT_EQ(reading.sysname, "Linux");
  EXPECT_FALSE(reading.machine.empty());

  fs::remove(dir.path() + "/proc/sys/kernel/hostname");
  reader.read(reading);
  EXPECT_FALSE(reading.ok());
  EXPECT_TRUE(reading.nodename.empty());
}

}  // namespace
}  // namespace host_exporter::platform
