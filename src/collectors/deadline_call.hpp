#pragma once
// Runs one collector's collect() on a worker thread and waits for it until a
// deadline, so a collector that blocks (a textfile on a hung NFS server) cannot
// hold the scrape: past the deadline the scrape goes on without it. Threads are
// never killed: a late call keeps its worker until it returns, and its result is
// dropped. While a late call is still running, later scrapes do not start
// another (they answer kStillRunning at once), so one hung collector holds at
// most one thread.
//
// Workers are kept and reused (a thread per scrape cost ~0.1 ms): one serves
// every scrape of a healthy machine; another starts only for a scrape that runs
// while the others are busy (concurrent scrapes).
//
// The hand-off to a worker and back still costs two thread wake-ups a call (60-90 us
// of CPU a scrape on a 2-core VM, measured). Given `hang_probe` (for the
// textfile collector: every directory on a local filesystem), the worker asks it before
// its call, and while the answer is true, calls in the next `inline_for` run inline on the
// caller's thread; after that one call goes to a worker again and asks afresh. The
// question itself may block (a hung mount), which is why only a worker asks it.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "host_exporter/collector.hpp"

namespace host_exporter::collectors {

enum class DeadlineOutcome {
  kDone,          // `out` holds the families
  kThrew,         // `error` says why
  kLate,          // the deadline passed; the call goes on alone
  kStillRunning,  // not started: an earlier late call has not returned
};

class DeadlineCall {
 public:
  static constexpr std::chrono::seconds kInlineFor{30};

  explicit DeadlineCall(std::shared_ptr<Collector> collector, std::function<bool()> hang_probe = {},
                        std::chrono::nanoseconds inline_for = kInlineFor);
  ~DeadlineCall();  // joins idle workers; a worker still inside a late call is detached
  DeadlineCall(const DeadlineCall&) = delete;
  DeadlineCall& operator=(const DeadlineCall&) = delete;

  DeadlineOutcome collect(std::vector<MetricFamily>& out, std::chrono::steady_clock::time_point deadline,
                          std::string& error);
  // True while calls run inline: the worker found the reads cannot hang less than `inline_for` ago.
  bool runs_inline_now() const;

 private:
  // The collector's call on the caller's thread: kDone, kThrew, or kLate when it returned after
  // the deadline (its families dropped).
  DeadlineOutcome collect_inline(std::vector<MetricFamily>& out, std::chrono::steady_clock::time_point deadline,
                                 std::string& error);

  struct Worker;
  struct State;
  static void run_worker(std::shared_ptr<State> state, Worker* worker);

  std::shared_ptr<State> state_;  // shared with the workers, which may outlive this object
};

}  // namespace host_exporter::collectors
