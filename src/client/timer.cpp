#include "host_exporter/timer.hpp"

#include <exception>

namespace host_exporter {

void record_timed_scope(const TimerTargets& targets, double seconds, bool failed) {
  if (targets.duration != nullptr) targets.duration->observe(seconds);
  if (targets.total != nullptr) targets.total->inc();
  Counter* outcome = failed ? targets.failed : targets.succeeded;
  if (outcome != nullptr) outcome->inc();
}

double ScopeTimer::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

ScopeTimer::~ScopeTimer() {
  if (dismissed_) return;
  // More exceptions in flight than at construction: this scope is being unwound.
  record_timed_scope(targets_, elapsed_seconds(), std::uncaught_exceptions() > exceptions_at_start_);
}

}  // namespace host_exporter
