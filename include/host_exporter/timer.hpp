#pragma once
// Timing a scope: RAII, so every way out of the scope is measured.
//
//   static auto& latency = default_registry().histogram("job_duration_seconds", "...").get();
//   { ScopeTimer timer(latency); run_job(); }
//
// On exit the timer observes the elapsed seconds and bumps the counters it was given:
// `total` always, `succeeded` when the scope ends normally, `failed` when it is left by
// an exception (told apart with std::uncaught_exceptions, so a timer living inside a
// destructor that runs during unwinding still counts its own scope right).

#include <chrono>

#include "host_exporter/counter.hpp"
#include "host_exporter/histogram.hpp"

namespace host_exporter {

// What a timed scope updates; any of them may be null.
struct TimerTargets {
  Histogram* duration = nullptr;  // observes the elapsed seconds, whatever the outcome
  Counter* total = nullptr;       // every scope
  Counter* succeeded = nullptr;   // scopes that end normally
  Counter* failed = nullptr;      // scopes left by an exception
};

// Records one finished scope into `targets` (the timer's exit, for callers that learn
// the outcome another way, e.g. a Python context manager's __exit__).
void record_timed_scope(const TimerTargets& targets, double seconds, bool failed);

class ScopeTimer {
 public:
  explicit ScopeTimer(Histogram& duration) : ScopeTimer(TimerTargets{.duration = &duration}) {}
  explicit ScopeTimer(const TimerTargets& targets)
      : targets_(targets), start_(std::chrono::steady_clock::now()), exceptions_at_start_(std::uncaught_exceptions()) {}
  ~ScopeTimer();
  ScopeTimer(const ScopeTimer&) = delete;
  ScopeTimer& operator=(const ScopeTimer&) = delete;

  double elapsed_seconds() const;

  // The scope is not recorded at all (e.g. a request that turned out to be a health check).
  void dismiss() { dismissed_ = true; }

 private:
  TimerTargets targets_;
  std::chrono::steady_clock::time_point start_;
  int exceptions_at_start_;
  bool dismissed_ = false;
};

}  // namespace host_exporter
