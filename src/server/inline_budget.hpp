#pragma once
// Which requests the event loop answers itself. A hand-off to a worker and back costs
// two thread wake-ups, more CPU than a scrape of /proc on a VM; so a route may say when
// its handler is bounded work that cannot block (Route::inline_when) and the loop then
// runs it in place. The loop still trusts nobody: a handler that ran longer than the
// budget all the same goes to the workers for a while, so at most one slow run in
// `demotion` holds the loop's sockets (a run that never returns holds them for good: docs/http.md).

#include <chrono>
#include <unordered_map>

#include "server/routes.hpp"

namespace host_exporter::server {

class InlineBudget {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kBudget{20};
  static constexpr std::chrono::seconds kDemotion{30};

  explicit InlineBudget(Clock::duration budget = kBudget, Clock::duration demotion = kDemotion)
      : budget_(budget), demotion_(demotion) {}

  // True when `route` may run on the loop now: it says so and is not sent away for running long.
  bool allows(const Route& route, Clock::time_point now) const;
  // Records an inline run; true when it took longer than the budget (the route is sent away).
  bool ran(const Route& route, Clock::duration took, Clock::time_point now);

  Clock::duration budget() const { return budget_; }

 private:
  Clock::duration budget_;
  Clock::duration demotion_;
  std::unordered_map<const Route*, Clock::time_point> demoted_until_;  // one thread: the loop's
};

}  // namespace host_exporter::server
