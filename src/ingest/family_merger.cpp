#include "ingest/family_merger.hpp"

#include <algorithm>
#include <functional>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "log/log.hpp"

namespace host_exporter::ingest {

namespace {

constexpr std::string_view kDroppedSeriesName = "host_exporter_scrape_dropped_series";

// Warn once per metric name and reason for the life of the process; a conflict
// that stays (a bad file, a stale push) would otherwise log on every scrape.
void report_conflict(const std::string& name, std::string_view reason, std::size_t series) {
  static std::mutex mutex;
  static std::set<std::string> warned;
  bool first = false;
  {
    std::lock_guard lock(mutex);
    first = warned.insert(name + '\n' + std::string(reason)).second;
  }
  log::write(first ? log::Level::kWarn : log::Level::kDebug, "series left out of the scrape",
             {{"metric", name}, {"reason", std::string(reason)}, {"series", std::to_string(series)}});
}

}  // namespace

FamilyMerger::Outcome FamilyMerger::add(MetricFamily&& family) {
  const auto found = index_.find(family.name);
  if (found == index_.end()) {
    index_.emplace(family.name, families_.size());
    families_.push_back(std::move(family));
    return {Result::kAdded, 0};
  }
  MetricFamily& kept = families_[found->second];
  if (kept.type != family.type) return {Result::kTypeConflict, 0};
  if (rule_ == HelpRule::kMustMatch && !family.help.empty()) {
    if (!kept.help.empty() && kept.help != family.help) return {Result::kHelpConflict, 0};
    kept.help = family.help;
  }
  auto [seen, created] = seen_series_.try_emplace(found->second);
  if (created) {
    for (const auto& series : kept.series) seen->second.insert(series.labels);
  }
  Outcome outcome{Result::kMerged, 0};
  for (auto& series : family.series) {
    if (!seen->second.insert(series.labels).second) {
      ++outcome.duplicate_series;
      continue;
    }
    kept.series.push_back(std::move(series));
  }
  return outcome;
}

const MetricFamily* FamilyMerger::find(std::string_view name) const {
  const auto found = index_.find(std::string(name));
  return found == index_.end() ? nullptr : &families_[found->second];
}

std::vector<MetricFamily> FamilyMerger::take() {
  index_.clear();
  seen_series_.clear();
  return std::move(families_);
}

std::size_t make_family_names_unique(std::vector<MetricFamily>& families) {
  // Every scrape comes through here. Sorting the names' hashes costs one allocation (a
  // hash set costs one per name) and compares integers, not long shared "node_" prefixes.
  std::vector<std::pair<std::size_t, std::string_view>> names;
  names.reserve(families.size());
  for (const auto& family : families) names.emplace_back(std::hash<std::string_view>{}(family.name), family.name);
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  bool repeated = false;
  for (std::size_t i = 0; i < names.size() && !repeated; ++i) {
    for (std::size_t j = i + 1; j < names.size() && names[j].first == names[i].first && !repeated; ++j) {
      repeated = names[j].second == names[i].second;
    }
  }
  if (!repeated) return 0;

  std::size_t dropped = 0;
  FamilyMerger merger(FamilyMerger::HelpRule::kFirstWins);
  for (auto& family : families) {
    const std::string name = family.name;
    const std::size_t series = family.series.size();
    const auto outcome = merger.add(std::move(family));
    if (outcome.result == FamilyMerger::Result::kTypeConflict) {
      dropped += series;
      report_conflict(name, "another source exports this name with another type", series);
    } else if (outcome.duplicate_series > 0) {
      dropped += outcome.duplicate_series;
      report_conflict(name, "another source exports the same series", outcome.duplicate_series);
    }
  }
  families = merger.take();

  bool present = false;
  for (const auto& family : families) present = present || family.name == kDroppedSeriesName;
  if (dropped > 0 && !present) {
    families.push_back({std::string(kDroppedSeriesName),
                        "Series left out of this scrape because another source already exported the same "
                        "metric name with another type, or the same series.",
                        MetricType::kGauge,
                        {{"", static_cast<double>(dropped), {}}}});
  }
  return dropped;
}

}  // namespace host_exporter::ingest
