// The filesystem collector on hand-made mount tables, with statvfs replaced by
// canned answers, and a hung mount simulated by a call that blocks.

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "collectors/builtin.hpp"
#include "collectors/definitions.hpp"
#include "collectors/filesystem.hpp"
#include "collectors/local_filesystem.hpp"
#include "family_lookup.hpp"

namespace host_exporter::collectors {
namespace {

using test::find_family;
using test::find_value;
using test::fixture_path;
using test::series_labels;

platform::FilesystemUsageReading usage(std::uint64_t blocks, std::uint64_t free, std::uint64_t avail,
                                       std::uint64_t files, std::uint64_t files_free) {
  platform::FilesystemUsageReading reading;
  reading.usage = {blocks, free, avail, files, files_free, 4096, 4096};
  return reading;
}

// statvfs answers by path; a path it does not know fails with ENOENT.
struct CannedStat {
  std::map<std::string, platform::FilesystemUsageReading> answers;
  std::map<std::string, int>* calls = nullptr;

  platform::FilesystemUsageReading operator()(const std::string& path) const {
    if (calls) ++(*calls)[path];
    const auto it = answers.find(path);
    if (it != answers.end()) return it->second;
    platform::FilesystemUsageReading failed;
    failed.error = ENOENT;
    return failed;
  }
};

platform::Roots escaped_mounts_roots(std::string rootfs = "/") {
  platform::Roots roots;
  roots.procfs = fixture_path("edge/mounts-escaped/proc");
  roots.rootfs = std::move(rootfs);
  return roots;
}

FilesystemCollector default_collector(const platform::Roots& roots, std::shared_ptr<MountStatRunner> runner) {
  return FilesystemCollector(roots, DeviceFilter(kFilesystemDefaultMountPointsExclude, "", "mp"),
                             DeviceFilter(kFilesystemDefaultFsTypesExclude, "", "fs"), std::move(runner));
}

constexpr char kRootLabels[] = R"(device="/dev/vda",mountpoint="/",fstype="ext4")";
constexpr char kBackupLabels[] = R"(device="/dev/vdb",mountpoint="/mnt/backup disk",fstype="ext4")";
constexpr char kTabLabels[] = "device=\"/dev/vdc\",mountpoint=\"/srv/tab\there\\\\x\",fstype=\"xfs\"";
constexpr char kNfsLabels[] = R"(device="server:/export",mountpoint="/mnt/nfs",fstype="nfs4")";
constexpr char kRunLabels[] = R"(device="tmpfs",mountpoint="/run",fstype="tmpfs")";

CannedStat healthy_answers() {
  CannedStat stat;
  stat.answers["/"] = usage(1000, 300, 250, 500, 400);
  stat.answers["/mnt/backup disk"] = usage(2000, 1000, 1000, 100, 50);
  stat.answers["/srv/tab\there\\x"] = usage(10, 10, 10, 10, 10);
  stat.answers["/mnt/nfs"] = usage(4000, 1000, 1000, 0, 0);
  stat.answers["/run"] = usage(100, 100, 100, 10, 9);
  return stat;
}

TEST(FilesystemCollector, ExportsNodeExporterGaugesForEveryKeptMount) {
  auto runner = std::make_shared<MountStatRunner>(healthy_answers(), std::chrono::seconds(10));
  auto collector = default_collector(escaped_mounts_roots(), runner);
  std::vector<MetricFamily> out;
  collector.collect(out);

  // /proc, /sys (excluded points and types) and the docker overlay are gone; /run, listed twice, appears once.
  EXPECT_EQ(series_labels(out, "node_filesystem_size_bytes"),
            (std::vector<std::string>{kRootLabels, kRunLabels, kBackupLabels, kTabLabels, kNfsLabels}));
  EXPECT_EQ(find_value(out, "node_filesystem_size_bytes", kRootLabels), 1000.0 * 4096);
  EXPECT_EQ(find_value(out, "node_filesystem_free_bytes", kRootLabels), 300.0 * 4096);
  EXPECT_EQ(find_value(out, "node_filesystem_avail_bytes", kRootLabels), 250.0 * 4096);
  EXPECT_EQ(find_value(out, "node_filesystem_files", kRootLabels), 500.0);
  EXPECT_EQ(find_value(out, "node_filesystem_files_free", kRootLabels), 400.0);
  EXPECT_EQ(find_value(out, "node_filesystem_readonly", kRootLabels), 0.0);
  EXPECT_EQ(find_value(out, "node_filesystem_readonly", kBackupLabels), 1.0);
  EXPECT_EQ(find_value(out, "node_filesystem_device_error", kRootLabels), 0.0);
  for (const char* name : {"node_filesystem_size_bytes", "node_filesystem_device_error", "host_filesystem_used_ratio"}) {
    const MetricFamily* family = find_family(out, name);
    ASSERT_NE(family, nullptr) << name;
    EXPECT_EQ(family->type, MetricType::kGauge);
  }
  EXPECT_EQ(find_family(out, "node_filesystem_avail_bytes")->help,
            "Filesystem space available to non-root users in bytes.");
}

TEST(FilesystemCollector, UsedRatioIsBtopsTotalMinusAvailableOverTotal) {
  auto runner = std::make_shared<MountStatRunner>(healthy_answers(), std::chrono::seconds(10));
  auto collector = default_collector(escaped_mounts_roots(), runner);
  std::vector<MetricFamily> out;
  collector.collect(out);
  // Reserved blocks (free 300 vs available 250) count as used, as in btop.
  EXPECT_DOUBLE_EQ(*find_value(out, "host_filesystem_used_ratio", R"(mountpoint="/")"), 0.75);
  EXPECT_DOUBLE_EQ(*find_value(out, "host_filesystem_used_ratio", R"(mountpoint="/mnt/backup disk")"), 0.5);
  EXPECT_DOUBLE_EQ(*find_value(out, "host_filesystem_used_ratio", R"(mountpoint="/run")"), 0.0);
}

TEST(FilesystemCollector, AFailedStatIsADeviceErrorWithoutSizes) {
  CannedStat stat = healthy_answers();
  stat.answers.erase("/mnt/nfs");
  auto runner = std::make_shared<MountStatRunner>(stat, std::chrono::seconds(10));
  auto collector = default_collector(escaped_mounts_roots(), runner);
  std::vector<MetricFamily> out;
  collector.collect(out);
  EXPECT_EQ(find_value(out, "node_filesystem_device_error", kNfsLabels), 1.0);
  EXPECT_FALSE(find_value(out, "node_filesystem_size_bytes", kNfsLabels));
  EXPECT_FALSE(find_value(out, "node_filesystem_readonly", kNfsLabels));
  EXPECT_FALSE(find_value(out, "host_filesystem_used_ratio", R"(mountpoint="/mnt/nfs")"));
  EXPECT_FALSE(runner->is_stuck("/mnt/nfs"));  // an error is not a hang
}

TEST(FilesystemCollector, StatsUnderRootfsAndLabelsWithoutIt) {
  std::map<std::string, int> calls;
  CannedStat stat;
  stat.calls = &calls;
  stat.answers["/host"] = usage(1, 1, 1, 1, 1);
  auto runner = std::make_shared<MountStatRunner>(stat, std::chrono::seconds(10));
  auto collector = default_collector(escaped_mounts_roots("/host/"), runner);
  std::vector<MetricFamily> out;
  collector.collect(out);
  EXPECT_EQ(calls["/host"], 1);
  EXPECT_EQ(calls["/host/mnt/backup disk"], 1);
  EXPECT_EQ(find_value(out, "node_filesystem_device_error", kRootLabels), 0.0);
}

TEST(FilesystemCollector, StripsTheRootfsPrefixOnlyAtAPathBoundary) {
  EXPECT_EQ(strip_rootfs("/", "/home"), "/home");
  EXPECT_EQ(strip_rootfs("/rootfs", "/rootfs/home"), "/home");
  EXPECT_EQ(strip_rootfs("/rootfs/", "/rootfs/home"), "/home");
  EXPECT_EQ(strip_rootfs("/rootfs", "/rootfs"), "/");
  EXPECT_EQ(strip_rootfs("/rootfs", "/rootfsx/home"), "/rootfsx/home");
  EXPECT_EQ(strip_rootfs("/rootfs", "/home"), "/home");
}

TEST(FilesystemCollector, AMissingMountTableFailsTheCollector) {
  platform::Roots roots;
  roots.procfs = fixture_path("edge/no-such-tree/proc");
  auto runner = std::make_shared<MountStatRunner>(healthy_answers(), std::chrono::seconds(10));
  auto collector = default_collector(roots, runner);
  std::vector<MetricFamily> out;
  EXPECT_THROW(collector.collect(out), std::runtime_error);
}

// A statvfs that hangs on /mnt/nfs until released, like a dead NFS server.
class HungNfsServer {
 public:
  platform::FilesystemUsageReading stat(const std::string& path) {
    if (path == "/mnt/nfs") {
      nfs_calls_.fetch_add(1);
      std::unique_lock lock(mutex_);
      released_.wait(lock, [this] { return released_flag_; });
    }
    return healthy_answers()(path);
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      released_flag_ = true;
    }
    released_.notify_all();
  }
  int nfs_calls() const { return nfs_calls_.load(); }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  bool released_flag_ = false;
  std::atomic<int> nfs_calls_{0};
};

TEST(FilesystemCollector, AHungMountIsReportedAndSkippedUntilItAnswers) {
  auto server = std::make_shared<HungNfsServer>();
  // A generous timeout: a loaded CI machine must not time out the healthy mounts.
  auto runner = std::make_shared<MountStatRunner>([server](const std::string& path) { return server->stat(path); },
                                                  std::chrono::milliseconds(500));
  auto collector = default_collector(escaped_mounts_roots(), runner);
  // If a scrape waited for the hung call, this releases it after a long while and
  // the scrape would then see the mount as healthy: the checks below would fail.
  std::thread watchdog([server] {
    std::this_thread::sleep_for(std::chrono::seconds(20));
    server->release();
  });
  watchdog.detach();

  std::vector<MetricFamily> first;
  collector.collect(first);
  EXPECT_EQ(find_value(first, "node_filesystem_device_error", kNfsLabels), 1.0);
  EXPECT_FALSE(find_value(first, "node_filesystem_size_bytes", kNfsLabels));
  EXPECT_EQ(find_value(first, "node_filesystem_size_bytes", kRootLabels), 1000.0 * 4096);  // the rest goes on
  EXPECT_TRUE(runner->is_stuck("/mnt/nfs"));
  EXPECT_EQ(server->nfs_calls(), 1);
  EXPECT_EQ(runner->thread_count(), 1u);  // the local mounts were stat'ed inline; one worker took the NFS call

  for (int scrape = 0; scrape < 5; ++scrape) {
    std::vector<MetricFamily> later;
    collector.collect(later);
    EXPECT_EQ(find_value(later, "node_filesystem_device_error", kNfsLabels), 1.0);
  }
  EXPECT_EQ(server->nfs_calls(), 1);      // stuck: not called again
  EXPECT_EQ(runner->thread_count(), 1u);  // and no new worker: nothing else needs one

  server->release();
  while (runner->is_stuck("/mnt/nfs")) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::vector<MetricFamily> recovered;
  collector.collect(recovered);
  EXPECT_EQ(find_value(recovered, "node_filesystem_device_error", kNfsLabels), 0.0);
  EXPECT_EQ(find_value(recovered, "node_filesystem_size_bytes", kNfsLabels), 4000.0 * 4096);
  EXPECT_EQ(server->nfs_calls(), 2);
  EXPECT_EQ(runner->thread_count(), 1u);  // the worker that hung is reused
}

// Records on which thread each path was stat'ed.
struct ThreadRecordingStat {
  std::shared_ptr<std::map<std::string, std::thread::id>> threads = std::make_shared<std::map<std::string, std::thread::id>>();
  std::shared_ptr<std::mutex> mutex = std::make_shared<std::mutex>();

  platform::FilesystemUsageReading operator()(const std::string& path) const {
    std::lock_guard lock(*mutex);
    (*threads)[path] = std::this_thread::get_id();
    return usage(10, 5, 5, 10, 5);
  }
};

TEST(FilesystemCollector, StatsLocalMountsInlineAndRemoteOnesOrBelowThemOnAWorker) {
  ThreadRecordingStat stat;
  auto runner = std::make_shared<MountStatRunner>(stat, std::chrono::seconds(10));
  platform::Roots roots;
  roots.procfs = fixture_path("edge/mounts-below-nfs/proc");
  auto collector = default_collector(roots, runner);
  std::vector<MetricFamily> out;
  collector.collect(out);

  const auto here = std::this_thread::get_id();
  ASSERT_EQ(stat.threads->size(), 5u);
  EXPECT_EQ(stat.threads->at("/"), here);
  EXPECT_EQ(stat.threads->at("/mnt/nfsx"), here);  // a sibling whose name starts like the NFS mount
  EXPECT_NE(stat.threads->at("/mnt/nfs"), here);
  EXPECT_NE(stat.threads->at("/mnt/nfs/local"), here);  // reached through the NFS mount
  EXPECT_NE(stat.threads->at("/mnt/sshfs"), here);      // FUSE
  EXPECT_EQ(runner->thread_count(), 1u);
  EXPECT_EQ(find_value(out, "node_filesystem_device_error",
                       R"(device="/dev/vdb",mountpoint="/mnt/nfs/local",fstype="ext4")"),
            0.0);
}

TEST(FilesystemCollector, ReadsCannotHangOnlyAfterAScrapeWithNoRemoteMount) {
  auto runner = std::make_shared<MountStatRunner>(healthy_answers(), std::chrono::seconds(10));
  platform::Roots local;
  local.procfs = fixture_path("linux-debian12/proc");
  auto collector = default_collector(local, runner);
  EXPECT_FALSE(collector.reads_cannot_hang());  // not known before the first scrape
  std::vector<MetricFamily> out;
  collector.collect(out);
  EXPECT_TRUE(collector.reads_cannot_hang());

  auto remote = default_collector(escaped_mounts_roots(), runner);  // the same runner: an NFS mount appears
  remote.collect(out);
  EXPECT_FALSE(collector.reads_cannot_hang());
  EXPECT_FALSE(remote.reads_cannot_hang());
}

TEST(MountStatRunner, APassIsAllInlineUntilItMakesATimedCall) {
  MountStatRunner runner(healthy_answers(), std::chrono::seconds(10));
  EXPECT_FALSE(runner.last_pass_all_inline());
  {
    const MountStatRunner::Pass pass(runner);
    runner.stat_inline("/");
  }
  EXPECT_TRUE(runner.last_pass_all_inline());
  {
    const MountStatRunner::Pass pass(runner);
    runner.stat_inline("/");
    runner.stat("/mnt/nfs", "/mnt/nfs");
  }
  EXPECT_FALSE(runner.last_pass_all_inline());
}

TEST(LocalFilesystem, KnowsDiskAndMemoryTypesAndNothingElse) {
  for (const char* local : {"ext4", "xfs", "btrfs", "tmpfs", "vfat", "zfs", "apfs", "overlay"}) {
    EXPECT_TRUE(is_local_filesystem(local)) << local;
  }
  for (const char* remote : {"nfs", "nfs4", "cifs", "smb3", "ceph", "9p", "virtiofs", "fuse", "fuseblk",
                             "fuse.sshfs", "", "ext"}) {
    EXPECT_FALSE(is_local_filesystem(remote)) << remote;
  }
  EXPECT_TRUE(is_same_or_below("/mnt/nfs/a", "/mnt/nfs"));
  EXPECT_TRUE(is_same_or_below("/mnt/nfs", "/mnt/nfs"));
  EXPECT_TRUE(is_same_or_below("/home", "/"));
  EXPECT_FALSE(is_same_or_below("/mnt/nfsx", "/mnt/nfs"));
  EXPECT_FALSE(is_same_or_below("/mnt", "/mnt/nfs"));
}

TEST(MountStatRunner, HealthyCallsShareOneWorkerThread) {
  auto runner = std::make_shared<MountStatRunner>(healthy_answers(), std::chrono::seconds(10));
  for (int i = 0; i < 100; ++i) {
    const MountStatOutcome outcome = runner->stat("/", "/");
    ASSERT_EQ(outcome.status, MountStatStatus::kOk);
    ASSERT_EQ(outcome.reading.usage.blocks, 1000u);
  }
  EXPECT_EQ(runner->thread_count(), 1u);
}

TEST(MountStatRunner, ReportsTimedOutThenStuck) {
  auto server = std::make_shared<HungNfsServer>();
  {
    MountStatRunner runner([server](const std::string& path) { return server->stat(path); },
                           std::chrono::milliseconds(500));
    EXPECT_EQ(runner.stat("/mnt/nfs", "/mnt/nfs").status, MountStatStatus::kTimedOut);
    EXPECT_EQ(runner.stat("/mnt/nfs", "/mnt/nfs").status, MountStatStatus::kStuck);
    EXPECT_EQ(runner.stat("/", "/").status, MountStatStatus::kOk);
  }  // destroyed while a call hangs: the worker is detached, not joined
  server->release();
}

TEST(FilesystemDefinition, BuildsFromFlagsAndRefusesBadOnes) {
  const CollectorDefinition definition = filesystem_collector_definition();
  EXPECT_EQ(definition.name, "filesystem");
  CollectorContext context;
  context.roots.procfs = fixture_path("edge/mounts-no-pid1/proc");
  context.roots.rootfs = fixture_path("edge");  // a real directory to statvfs
  context.config = default_config(definition);
  EXPECT_EQ(context.config.get("mount-timeout"), "5s");
  EXPECT_EQ(context.config.get("fs-types-exclude"), kFilesystemDefaultFsTypesExclude);
  auto collector = definition.create(context);
  std::vector<MetricFamily> out;
  collector->collect(out);
  const auto size = find_value(out, "node_filesystem_size_bytes", R"(device="/dev/sda1",mountpoint="/",fstype="ext4")");
  ASSERT_TRUE(size);
  EXPECT_GT(*size, 0.0);

  context.config.set("mount-timeout", {"soon"});
  EXPECT_THROW(definition.create(context), std::invalid_argument);
  context.config = default_config(definition);
  context.config.set("mount-points-exclude", {"^/(unclosed"});
  EXPECT_THROW(definition.create(context), std::invalid_argument);
}

}  // namespace
}  // namespace host_exporter::collectors
