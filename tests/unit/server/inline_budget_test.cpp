#include "server/inline_budget.hpp"

#include <gtest/gtest.h>

namespace host_exporter::server {
namespace {

using Clock = InlineBudget::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

Route route_inline_when(InlineWhen when) {
  Route route{Method::kGet, "/metrics", {}, true, [](const Request&, Response&) {}, std::move(when)};
  return route;
}

TEST(InlineBudget, ARouteThatSaysNothingAlwaysGoesToAWorker) {
  const InlineBudget budget;
  EXPECT_FALSE(budget.allows(route_inline_when({}), Clock::now()));
}

TEST(InlineBudget, ARouteRunsInlineExactlyWhileItSaysSo) {
  bool bounded = true;
  const Route route = route_inline_when([&] { return bounded; });
  const InlineBudget budget;
  EXPECT_TRUE(budget.allows(route, Clock::now()));
  bounded = false;
  EXPECT_FALSE(budget.allows(route, Clock::now()));
}

TEST(InlineBudget, ARunOverTheBudgetSendsTheRouteAwayForTheDemotionOnly) {
  const Route route = route_inline_when(always_inline);
  const Route other = route_inline_when(always_inline);
  InlineBudget budget(milliseconds(20), seconds(30));
  const Clock::time_point t0{};
  EXPECT_FALSE(budget.ran(route, milliseconds(20), t0));  // at the budget: still fine
  EXPECT_TRUE(budget.allows(route, t0));
  EXPECT_TRUE(budget.ran(route, milliseconds(21), t0));
  EXPECT_FALSE(budget.allows(route, t0 + seconds(29)));
  EXPECT_TRUE(budget.allows(other, t0 + seconds(1)));  // only the route that ran long
  EXPECT_TRUE(budget.allows(route, t0 + seconds(30)));
}

}  // namespace
}  // namespace host_exporter::server
