// How processes become groups: delta accounting (exits, pid reuse, comm changes),
// top-N with "other", include/exclude, and the promise that every exported
// cpu_seconds_total series is monotonic while the sum of all of them is the
// whole process CPU.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "collectors/process_groups.hpp"

namespace host_exporter::collectors {
namespace {

struct P {
  int pid;
  std::string comm;
  std::uint64_t utime = 0;
  std::uint64_t stime = 0;
  std::uint64_t start = 0;
  std::uint64_t rss = 0;
  std::int64_t threads = 1;
  char state = 'S';
  std::optional<std::uint64_t> fds = std::nullopt;
};

platform::ProcessTable table(const std::vector<P>& processes) {
  platform::ProcessTable out;
  for (const auto& p : processes) {
    platform::ProcessReading reading;
    reading.stat.pid = p.pid;
    reading.stat.comm = p.comm;
    reading.stat.utime_ticks = p.utime;
    reading.stat.stime_ticks = p.stime;
    reading.stat.starttime_ticks = p.start;
    reading.stat.rss_pages = p.rss;
    reading.stat.threads = p.threads;
    reading.stat.state = p.state;
    reading.open_fds = p.fds;
    out.processes.push_back(reading);
  }
  return out;
}

const ProcessGroupRow* row(const ProcessWindow& window, const std::string& name) {
  const std::string labels = "name=\"" + name + "\"";
  for (const auto& r : window.groups) {
    if (r.labels == labels) return &r;
  }
  return nullptr;
}

std::vector<std::string> names(const ProcessWindow& window) {
  std::vector<std::string> out;
  for (const auto& r : window.groups) out.push_back(r.labels);
  return out;
}

// 100 ticks per second and 4096-byte pages, as on x86-64.
ProcessGroupTracker tracker(std::size_t top = 15) {
  ProcessGroupOptions options;
  options.top = top;
  return ProcessGroupTracker(options, 100.0, 4096.0);
}

TEST(ProcessGroups, FirstWindowCountsLifetimesAndGroupsByName) {
  auto groups = tracker();
  ProcessWindow window;
  groups.add_sample(table({{10, "postgres", 300, 100, 5, 1000, 1, 'S', 9},
                           {11, "postgres", 200, 0, 6, 500, 1, 'S', 4},
                           {12, "bash", 10, 5, 7, 100, 1, 'R', std::nullopt}}),
                    1000, 50000, window);
  const auto* postgres = row(window, "postgres");
  ASSERT_NE(postgres, nullptr);
  EXPECT_EQ(postgres->processes, 2);
  EXPECT_DOUBLE_EQ(postgres->user_seconds, 5.0);
  EXPECT_DOUBLE_EQ(postgres->system_seconds, 1.0);
  EXPECT_DOUBLE_EQ(postgres->resident_bytes, 1500.0 * 4096);
  EXPECT_EQ(postgres->open_fds, std::optional<double>(13));
  EXPECT_DOUBLE_EQ(*postgres->utilization, 600.0 / 1000.0);  // measured from boot, as btop's first sample
  EXPECT_EQ(postgres->user_labels, "name=\"postgres\",mode=\"user\"");
  const auto* bash = row(window, "bash");
  ASSERT_NE(bash, nullptr);
  EXPECT_FALSE(bash->open_fds.has_value());  // its descriptors were not readable
  EXPECT_EQ(window.groups.back().labels, "name=\"other\"");
  EXPECT_EQ(window.groups.back().processes, 0);
  EXPECT_EQ(window.state_counts[0], 1u);  // running
  EXPECT_EQ(window.state_counts[1], 2u);  // sleeping
  EXPECT_EQ(window.threads, 3);
}

TEST(ProcessGroups, UtilizationIsTheGroupsShareOfTheWindowsTotalJiffies) {
  auto groups = tracker();
  ProcessWindow window;
  groups.add_sample(table({{10, "app", 100, 0, 5, 1}}), 10000, 50000, window);
  groups.add_sample(table({{10, "app", 130, 20, 5, 1}}), 10200, 50100, window);
  EXPECT_DOUBLE_EQ(*row(window, "app")->utilization, 50.0 / 200.0);
  EXPECT_DOUBLE_EQ(row(window, "app")->user_seconds, 1.3);
}

TEST(ProcessGroups, AnExitedMemberNeverTakesItsTimeBack) {
  auto groups = tracker();
  ProcessWindow window;
  groups.add_sample(table({{10, "worker", 500, 0, 5, 1}, {11, "worker", 400, 0, 6, 1}}), 1000, 50000, window);
  EXPECT_DOUBLE_EQ(row(window, "worker")->user_seconds, 9.0);
  groups.add_sample(table({{10, "worker", 510, 0, 5, 1}}), 1100, 50100, window);
  EXPECT_DOUBLE_EQ(row(window, "worker")->user_seconds, 9.1);
  EXPECT_EQ(row(window, "worker")->processes, 1);
}

TEST(ProcessGroups, AReusedPidIsANewProcess) {
  auto groups = tracker();
  ProcessWindow window;
  groups.add_sample(table({{10, "job", 900, 0, 5, 1}}), 1000, 50000, window);
  // Same pid, later start time, less CPU: the old job exited, a new one started in this window.
  groups.add_sample(table({{10, "job", 7, 0, 50050, 1}}), 1100, 50100, window);
  EXPECT_DOUBLE_EQ(row(window, "job")->user_seconds, 9.07);
}

TEST(ProcessGroups, AnOldProcessSeenLateBringsNoSpike) {
  auto groups = tracker();
  ProcessWindow window;
  groups.add_sample(table({{10, "a", 100, 0, 5, 1}}), 1000, 50000, window);
  // pid 20 started long before the previous sample but was not listed then.
  groups.add_sample(table({{10, "a", 100, 0, 5, 1}, {20, "b", 99999, 0, 40, 1}}), 1100, 50100, window);
  ASSERT_NE(row(window, "b"), nullptr);
  EXPECT_DOUBLE_EQ(row(window, "b")->user_seconds, 0.0);
  groups.add_sample(table({{10, "a", 100, 0, 5, 1}, {20, "b", 100009, 0, 40, 1}}), 1200, 50200, window);
  EXPECT_DOUBLE_EQ(row(window, "b")->user_seconds, 0.1);
}

TEST(ProcessGroups, ARenamedProcessMovesOnlyItsNewTime) {
  auto groups = tracker();
  ProcessWindow window;
  groups.add_sample(table({{10, "sh", 100, 0, 5, 1}}), 1000, 50000, window);
  groups.add_sample(table({{10, "python3", 150, 0, 5, 1}}), 1100, 50100, window);  // exec kept pid and start
  EXPECT_DOUBLE_EQ(row(window, "python3")->user_seconds, 0.5);
  EXPECT_EQ(row(window, "sh"), nullptr);
}

TEST(ProcessGroups, ACounterThatShrinksAddsNothing) {
  auto groups = tracker();
  ProcessWindow window;
  groups.add_sample(table({{10, "a", 100, 50, 5, 1}}), 1000, 50000, window);
  groups.add_sample(table({{10, "a", 90, 40, 5, 1}}), 1100, 50100, window);
  EXPECT_DOUBLE_EQ(row(window, "a")->user_seconds, 1.0);
  EXPECT_DOUBLE_EQ(row(window, "a")->system_seconds, 0.5);
  groups.add_sample(table({{10, "a", 95, 40, 5, 1}}), 1200, 50200, window);
  EXPECT_DOUBLE_EQ(row(window, "a")->user_seconds, 1.05);
}

TEST(ProcessGroups, BeyondTopNGroupsAreSummedUnderOther) {
  auto groups = tracker(1);
  ProcessWindow window;
  // "cpu" leads by CPU, "mem" by memory, "idle1" and "idle2" by neither.
  groups.add_sample(table({{1, "cpu", 900, 0, 5, 10, 2},
                           {2, "mem", 10, 0, 5, 9000, 3},
                           {3, "idle1", 20, 0, 5, 20, 4, 'S', 5},
                           {4, "idle2", 30, 0, 5, 30, 5, 'S', 6}}),
                    2000, 50000, window);
  EXPECT_EQ(names(window), (std::vector<std::string>{"name=\"cpu\"", "name=\"mem\"", "name=\"other\""}));
  const auto& other = window.groups.back();
  EXPECT_EQ(other.processes, 2);
  EXPECT_EQ(other.threads, 9);
  EXPECT_DOUBLE_EQ(other.resident_bytes, 50.0 * 4096);
  EXPECT_FALSE(other.open_fds.has_value());  // descriptors are counted for exported groups only
  EXPECT_DOUBLE_EQ(other.user_seconds, 0.5);
  EXPECT_DOUBLE_EQ(*other.utilization, 50.0 / 2000.0);
}

TEST(ProcessGroups, DescriptorsAreCountedOnlyForMembersOfExportedGroups) {
  auto groups = tracker(1);
  ProcessWindow window;
  std::vector<int> asked;
  const auto count = [&](const platform::ProcessReading& process) -> std::optional<std::uint64_t> {
    asked.push_back(process.stat.pid);
    if (process.stat.pid == 3) return std::nullopt;  // gone, or not ours to read
    return static_cast<std::uint64_t>(process.stat.pid * 10);
  };
  // "cpu" leads by CPU and "mem" by memory; "idle" is in neither top 1, so in "other".
  groups.add_sample(table({{1, "cpu", 900, 0, 5, 10}, {2, "mem", 10, 0, 5, 9000}, {3, "mem", 10, 0, 5, 10},
                           {4, "idle", 20, 0, 5, 20}}),
                    2000, 50000, window, count);
  std::sort(asked.begin(), asked.end());
  EXPECT_EQ(asked, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(row(window, "cpu")->open_fds, std::optional<double>(10));
  EXPECT_EQ(row(window, "mem")->open_fds, std::optional<double>(20));  // pid 3 could not be counted
  EXPECT_FALSE(window.groups.back().open_fds.has_value());
  EXPECT_EQ(window.groups.back().processes, 1);
}

TEST(ProcessGroups, IncludeIsAlwaysExportedAndExcludeIsDroppedEntirely) {
  ProcessGroupOptions options;
  options.top = 0;
  options.include = std::regex("postgres|python.*");
  options.exclude = std::regex("secret.*");
  ProcessGroupTracker groups(options, 100.0, 4096.0);
  ProcessWindow window;
  groups.add_sample(table({{1, "postgres", 1, 0, 5, 1},
                           {2, "python3.11", 1, 0, 5, 1},
                           {3, "postgresql", 50, 0, 5, 1},  // a whole-name match is needed
                           {4, "secretd", 999, 0, 5, 99999},
                           {5, "bash", 7, 0, 5, 1}}),
                    2000, 50000, window);
  EXPECT_EQ(names(window),
            (std::vector<std::string>{"name=\"postgres\"", "name=\"python3.11\"", "name=\"other\""}));
  EXPECT_EQ(window.groups.back().processes, 2);  // postgresql and bash, not secretd
  EXPECT_DOUBLE_EQ(window.groups.back().user_seconds, 0.57);
  EXPECT_EQ(window.state_counts[1], 5u);  // host-wide counts still include the excluded process
}

TEST(ProcessGroups, AProcessNamedOtherIsFoldedIntoOther) {
  auto groups = tracker();
  ProcessWindow window;
  groups.add_sample(table({{1, "other", 100, 0, 5, 1000}}), 2000, 50000, window);
  ASSERT_EQ(window.groups.size(), 1u);
  EXPECT_EQ(window.groups[0].processes, 1);
  EXPECT_DOUBLE_EQ(window.groups[0].user_seconds, 1.0);
}

TEST(ProcessGroups, AGroupJustOutsideTopNStaysUntilItFallsBeyondTwiceN) {
  auto groups = tracker(1);
  ProcessWindow window;
  groups.add_sample(table({{1, "a", 0, 0, 5, 100}, {2, "b", 0, 0, 5, 50}, {3, "c", 0, 0, 5, 10}}), 100, 50000,
                    window);
  EXPECT_NE(row(window, "a"), nullptr);
  EXPECT_EQ(row(window, "b"), nullptr);
  // b overtakes a: a is second (within 2N) and lingers.
  groups.add_sample(table({{1, "a", 0, 0, 5, 100}, {2, "b", 0, 0, 5, 500}, {3, "c", 0, 0, 5, 10}}), 200, 50100,
                    window);
  EXPECT_NE(row(window, "a"), nullptr);
  EXPECT_NE(row(window, "b"), nullptr);
  // a falls to third: gone.
  groups.add_sample(table({{1, "a", 0, 0, 5, 1}, {2, "b", 0, 0, 5, 500}, {3, "c", 0, 0, 5, 10}}), 300, 50200,
                    window);
  EXPECT_EQ(row(window, "a"), nullptr);
}

TEST(ProcessGroups, ForgetsNamesUnseenForLong) {
  ProcessGroupOptions options;
  options.forget_after_windows = 2;
  ProcessGroupTracker groups(options, 100.0, 4096.0);
  ProcessWindow window;
  groups.add_sample(table({{1, "a", 1, 0, 5, 1}, {2, "b", 1, 0, 5, 1}}), 100, 50000, window);
  EXPECT_EQ(groups.remembered_groups(), 2u);
  for (int i = 0; i < 3; ++i) groups.add_sample(table({{1, "a", 1, 0, 5, 1}}), 200 + i, 50100 + i, window);
  EXPECT_EQ(groups.remembered_groups(), 1u);
}

TEST(ProcessGroups, TopProcessPidsByCpuAndByMemory) {
  ProcessGroupOptions options;
  options.top = 1;
  options.top_process_pids = true;
  ProcessGroupTracker groups(options, 100.0, 4096.0);
  ProcessWindow window;
  groups.add_sample(table({{1, "a", 0, 0, 5, 1}, {2, "b", 0, 0, 5, 1}, {3, "c", 0, 0, 5, 900}}), 100, 50000, window);
  groups.add_sample(table({{1, "a", 0, 0, 5, 1}, {2, "b", 40, 0, 5, 1}, {3, "c", 0, 0, 5, 900}}), 200, 50100, window);
  EXPECT_EQ(window.top_pids, (std::vector<int>{2, 3}));
}

// Random workloads with churn, renames, exits and groups moving in and out of the
// top N: every exported counter is monotonic, and in every window the exported
// counters together grow by exactly the CPU the processes used.
TEST(ProcessGroups, EveryExportedCounterIsMonotonicAndTheyAddUp) {
  std::mt19937 random(12345);
  auto groups = tracker(3);
  ProcessWindow window;
  std::map<std::string, double> last_value;  // every series ever exported -> its last value
  std::vector<P> live;
  int next_pid = 1;
  std::uint64_t uptime = 100000;
  std::uint64_t cpu_total = 500000;
  std::uint64_t used_ticks = 0;  // what the processes used while we watched
  const std::vector<std::string> pool = {"a", "b", "c", "d", "e", "f", "g", "h", "other"};
  for (int step = 0; step < 400; ++step) {
    uptime += 200;
    cpu_total += 400;
    for (auto it = live.begin(); it != live.end();) {
      if (random() % 10 == 0) {  // exits: its time up to the last window is already counted
        it = live.erase(it);
        continue;
      }
      const std::uint64_t du = random() % 30;
      const std::uint64_t ds = random() % 10;
      it->utime += du;
      it->stime += ds;
      used_ticks += du + ds;
      it->rss = 1 + random() % 1000;
      if (random() % 50 == 0) it->comm = pool[random() % pool.size()];  // exec: same pid and start
      ++it;
    }
    const int spawned = static_cast<int>(random() % 4);
    for (int i = 0; i < spawned; ++i) {
      P p{next_pid++, pool[random() % pool.size()], random() % 20, random() % 5, uptime - 50, 1 + random() % 1000};
      used_ticks += p.utime + p.stime;  // started within the window: all of it is new
      live.push_back(p);
    }
    groups.add_sample(table(live), cpu_total, uptime, window);

    for (const auto& r : window.groups) {
      for (const auto& [labels, value] : {std::pair{r.user_labels, r.user_seconds}, {r.system_labels, r.system_seconds}}) {
        const auto it = last_value.find(labels);
        if (it != last_value.end()) {
          EXPECT_GE(value, it->second) << labels << " at step " << step;
        }
        last_value[labels] = value;
      }
    }
    double sum = 0;
    for (const auto& entry : last_value) sum += entry.second;
    ASSERT_NEAR(sum, static_cast<double>(used_ticks) / 100.0, 1e-6) << "at step " << step;
  }
  EXPECT_GT(last_value.size(), 8u);  // groups did move in and out of the top 3
}

TEST(ProcessGroups, SumOfExportedIncrementsIsTheWindowsCpu) {
  auto groups = tracker(1);
  ProcessWindow window;
  std::vector<P> live = {{1, "a", 0, 0, 5, 10}, {2, "b", 0, 0, 5, 20}, {3, "c", 0, 0, 5, 30}, {4, "d", 0, 0, 5, 40}};
  groups.add_sample(table(live), 1000, 50000, window);
  std::map<std::string, double> values;
  for (const auto& r : window.groups) values[r.user_labels] = r.user_seconds;
  const std::vector<std::vector<std::uint64_t>> growth = {{50, 0, 0, 0}, {0, 60, 0, 1}, {0, 0, 70, 5}, {3, 3, 3, 90}};
  for (const auto& step : growth) {
    std::uint64_t used = 0;
    for (std::size_t i = 0; i < live.size(); ++i) {
      live[i].utime += step[i];
      used += step[i];
    }
    groups.add_sample(table(live), 1000, 50000, window);
    double increments = 0;
    for (const auto& r : window.groups) {
      const auto it = values.find(r.user_labels);
      increments += r.user_seconds - (it == values.end() ? 0.0 : it->second);
      values[r.user_labels] = r.user_seconds;
    }
    // A series that re-appears continues from its own last value: no double count.
    EXPECT_NEAR(increments, static_cast<double>(used) / 100.0, 1e-9);
  }
}

}  // namespace
}  // namespace host_exporter::collectors
