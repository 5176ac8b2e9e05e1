#pragma once
// Puts families from several inputs together so that every metric name appears
// once, as the text format requires (one HELP and TYPE per family, its lines
// together, no series twice). A family whose name was seen before joins the
// first one when the types agree; its series that already exist are dropped.
// A family with another type is refused whole.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::ingest {

class FamilyMerger {
 public:
  enum class HelpRule {
    kFirstWins,  // a later family may carry any HELP; the first one's stays
    kMustMatch,  // a later family with another non-empty HELP is refused (node_exporter's textfile rule)
  };
  enum class Result { kAdded, kMerged, kTypeConflict, kHelpConflict };
  struct Outcome {
    Result result = Result::kAdded;
    std::size_t duplicate_series = 0;  // series of the family dropped because they were already there
  };

  explicit FamilyMerger(HelpRule rule) : rule_(rule) {}

  Outcome add(MetricFamily&& family);
  // The family kept for `name`, or nullptr.
  const MetricFamily* find(std::string_view name) const;
  // Every kept family, in order of first appearance.
  std::vector<MetricFamily> take();

 private:
  HelpRule rule_;
  std::vector<MetricFamily> families_;
  std::unordered_map<std::string, std::size_t> index_;
  // Label text of each family's series, built once a second family of that name arrives.
  std::unordered_map<std::size_t, std::unordered_set<std::string>> seen_series_;
};

// Makes one scrape's families valid exposition: families of the same name from
// different sources (host collectors, the textfile directory, pushed groups)
// become one, the first source's type and HELP win, conflicting families and
// duplicate series are left out. Each conflict is logged (warn the first time
// for a name, then debug), and the gauge host_exporter_scrape_dropped_series
// counts the series left out of this scrape; it is only added when that count
// is not zero, so a scrape whose sources agree is left exactly as gathered.
// Returns the count.
std::size_t make_family_names_unique(std::vector<MetricFamily>& families);

}  // namespace host_exporter::ingest
