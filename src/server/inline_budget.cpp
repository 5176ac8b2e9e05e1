#include "server/inline_budget.hpp"

namespace host_exporter::server {

bool InlineBudget::allows(const Route& route, Clock::time_point now) const {
  if (!route.inline_when) return false;
  if (const auto found = demoted_until_.find(&route); found != demoted_until_.end() && now < found->second) {
    return false;
  }
  return route.inline_when();
}

bool InlineBudget::ran(const Route& route, Clock::duration took, Clock::time_point now) {
  if (took <= budget_) return false;
  demoted_until_[&route] = now + demotion_;
  return true;
}

}  // namespace host_exporter::server
