#include "collectors/deadline_call.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

namespace host_exporter::collectors {

namespace {

// What the caller and the collecting thread share; the last one out frees it.
struct Call {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  bool abandoned = false;  // the caller stopped waiting
  bool threw = false;
  std::vector<MetricFamily> families;
  std::string error;
};

}  // namespace

DeadlineCall::DeadlineCall(std::shared_ptr<Collector> collector)
    : collector_(std::move(collector)), late_calls_(std::make_shared<std::atomic<int>>(0)) {}

DeadlineOutcome DeadlineCall::collect(std::vector<MetricFamily>& out, std::chrono::steady_clock::time_point deadline,
                                      std::string& error) {
  if (late_calls_->load() > 0) return DeadlineOutcome::kStillRunning;
  auto call = std::make_shared<Call>();
  std::thread([collector = collector_, call, late_calls = late_calls_] {
    std::vector<MetricFamily> families;
    std::string reason;
    bool threw = false;
    try {
      collector->collect(families);
    } catch (const std::exception& e) {
      threw = true;
      reason = e.what();
    }
    std::lock_guard lock(call->mutex);
    call->families = std::move(families);
    call->error = std::move(reason);
    call->threw = threw;
    call->done = true;
    if (call->abandoned) late_calls->fetch_sub(1);
    call->finished.notify_all();
  }).detach();

  std::unique_lock lock(call->mutex);
  if (!call->finished.wait_until(lock, deadline, [&] { return call->done; })) {
    call->abandoned = true;
    late_calls_->fetch_add(1);
    return DeadlineOutcome::kLate;
  }
  if (call->threw) {
    error = std::move(call->error);
    return DeadlineOutcome::kThrew;
  }
  for (auto& family : call->families) out.push_back(std::move(family));
  return DeadlineOutcome::kDone;
}

}  // namespace host_exporter::collectors
