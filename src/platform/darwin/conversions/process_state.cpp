#include "platform/darwin/conversions/process_state.hpp"

namespace host_exporter::platform::darwin {

namespace {

// The rank of a thread state: the lowest over a process's threads names the process.
int activity_rank(const ThreadRunState& thread) {
  switch (thread.run_state) {
    case kThreadRunning: return 0;
    case kThreadUninterruptible: return 1;
    case kThreadWaiting: return thread.sleep_seconds > kIdleAfterSeconds ? 3 : 2;
    case kThreadStopped: return 4;
    default: return 5;  // halted, or a value this code does not know
  }
}

}  // namespace

char darwin_process_state(int p_stat, const std::optional<std::vector<ThreadRunState>>& threads) {
  if (p_stat == kProcZombie) return 'Z';
  if (p_stat == kProcStop) return 'T';
  if (p_stat == kProcIdle || !threads || threads->empty()) return '?';
  int best = 5;
  for (const auto& thread : *threads) {
    const int rank = activity_rank(thread);
    if (rank < best) best = rank;
  }
  static constexpr char kLetters[] = {'R', 'D', 'S', 'I', 'T', '?'};
  return kLetters[best];
}

}  // namespace host_exporter::platform::darwin
