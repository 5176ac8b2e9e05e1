#pragma once
// Runs one collector's collect() on a thread of its own and waits for it until a
// deadline, so a collector that blocks (a textfile on a hung NFS server) cannot
// hold the scrape: past the deadline the scrape goes on without it. Threads are
// never killed: a late call keeps its thread until it returns, and its result is
// dropped. While a late call is still running, later scrapes do not start
// another (they answer kStillRunning at once), so one hung collector holds at
// most one thread.

#include <atomic>
#include <chrono>
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
  explicit DeadlineCall(std::shared_ptr<Collector> collector);

  DeadlineOutcome collect(std::vector<MetricFamily>& out, std::chrono::steady_clock::time_point deadline,
                          std::string& error);

 private:
  std::shared_ptr<Collector> collector_;
  std::shared_ptr<std::atomic<int>> late_calls_;  // shared with the threads of late calls
};

}  // namespace host_exporter::collectors
