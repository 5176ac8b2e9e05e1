// How a macOS process is named, keyed and given a state, on synthetic readings shaped as
// libproc returns them.

#include <gtest/gtest.h>

#include "platform/darwin/conversions/core_types.hpp"
#include "platform/darwin/conversions/process_name.hpp"
#include "platform/darwin/conversions/process_start.hpp"
#include "platform/darwin/conversions/process_state.hpp"

namespace host_exporter::platform::darwin {
namespace {

TEST(DarwinProcessName, ExecutableBasenameBeatsTheSixteenBytesOfPComm) {
  // Two Chrome helpers whose p_comm is the same 16 bytes.
  const char* comm = "Google Chrome He";
  EXPECT_EQ(darwin_process_name("/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/"
                                "Versions/1/Helpers/Google Chrome Helper (GPU).app/Contents/MacOS/"
                                "Google Chrome Helper (GPU)",
                                "", comm),
            "Google Chrome Helper (GPU)");
  EXPECT_EQ(darwin_process_name("/x/Google Chrome Helper (Renderer)", "", comm), "Google Chrome Helper (Renderer)");
  // No path (another user's process, a zombie): proc_name's 32 bytes, then p_comm.
  EXPECT_EQ(darwin_process_name("", "Google Chrome Helper (Rendere", comm), "Google Chrome Helper (Rendere");
  EXPECT_EQ(darwin_process_name("", "", comm), comm);
  EXPECT_EQ(darwin_process_name("launchd", "", "launchd"), "launchd");  // a path without a slash
  EXPECT_EQ(darwin_process_name("/dir/", "", "kernel_task"), "kernel_task");  // nothing after the slash
}

TEST(DarwinProcessState, ThreadsDecideWhatPStatCannot) {
  using T = ThreadRunState;
  // XNU leaves a live process at SRUN: p_stat alone said "running" for nearly all.
  EXPECT_EQ(darwin_process_state(kProcRun, std::vector<T>{{kThreadWaiting, 3}, {kThreadWaiting, 0}}), 'S');
  EXPECT_EQ(darwin_process_state(kProcRun, std::vector<T>{{kThreadWaiting, 3}, {kThreadRunning, 0}}), 'R');
  EXPECT_EQ(darwin_process_state(kProcRun, std::vector<T>{{kThreadUninterruptible, 0}, {kThreadWaiting, 1}}), 'D');
  // ps's idle: every waiting thread asleep for more than 20 seconds.
  EXPECT_EQ(darwin_process_state(kProcRun, std::vector<T>{{kThreadWaiting, 21}, {kThreadWaiting, 600}}), 'I');
  EXPECT_EQ(darwin_process_state(kProcRun, std::vector<T>{{kThreadWaiting, 21}, {kThreadWaiting, 20}}), 'S');
  EXPECT_EQ(darwin_process_state(kProcRun, std::vector<T>{{kThreadStopped, 0}}), 'T');
  EXPECT_EQ(darwin_process_state(kProcRun, std::vector<T>{{kThreadHalted, 0}}), '?');
}

TEST(DarwinProcessState, PStatStillTellsZombiesAndStoppedAndUnreadableIsUnknown) {
  EXPECT_EQ(darwin_process_state(kProcZombie, std::nullopt), 'Z');
  EXPECT_EQ(darwin_process_state(kProcStop, std::vector<ThreadRunState>{{kThreadRunning, 0}}), 'T');
  EXPECT_EQ(darwin_process_state(kProcRun, std::nullopt), '?');  // EPERM without root
  EXPECT_EQ(darwin_process_state(kProcRun, std::vector<ThreadRunState>{}), '?');
  EXPECT_EQ(darwin_process_state(kProcIdle, std::vector<ThreadRunState>{{kThreadRunning, 0}}), '?');
}

TEST(DarwinProcessStart, IsTheRawStartTimeNotSinceBoot) {
  // p_starttime of a process started at 2026-12-06 10:00:00.250000 UTC.
  EXPECT_EQ(process_start_ns(1'796'551'200, 250'000), 1'796'551'200'250'000'000ull);
  EXPECT_EQ(process_start_ns(-1, 0), 0u);
}

TEST(DarwinCoreTypes, EfficiencyCoresAreNumberedFirst) {
  // An M1 Pro: hw.perflevel0 = 8 "Performance", hw.perflevel1 = 2 "Efficiency".
  const std::vector<PerfLevel> m1_pro = {{"Performance", 8}, {"Efficiency", 2}};
  const auto types = core_types_by_cpu(m1_pro, 10);
  ASSERT_EQ(types.size(), 10u);
  EXPECT_EQ(types[0], "efficiency");
  EXPECT_EQ(types[1], "efficiency");
  EXPECT_EQ(types[2], "performance");
  EXPECT_EQ(types[9], "performance");
  EXPECT_TRUE(core_types_by_cpu(m1_pro, 12).empty());  // counts that do not add up: no guess
  EXPECT_TRUE(core_types_by_cpu({}, 8).empty());       // Intel: no perflevels
  EXPECT_EQ(core_types_by_cpu({{"", 4}}, 4)[3], "perflevel0");
}

}  // namespace
}  // namespace host_exporter::platform::darwin
