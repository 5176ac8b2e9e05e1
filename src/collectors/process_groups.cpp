#include "collectors/process_groups.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::collectors {

namespace {

constexpr std::array<std::string_view, kProcessStateCount> kStateNames = {
    "running", "sleeping", "disk-sleep", "zombie", "stopped", "tracing-stop", "dead", "idle",
    "parked",  "wakekill", "waking",     "unknown"};

std::size_t state_index_by_name(char state) {
  const std::string_view name = platform::process_state_name(state);
  for (std::size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == name) return i;
  }
  return kStateNames.size() - 1;
}

// The index of every state letter, looked up once: per process it is an array read.
std::size_t state_index(char state) {
  static const std::array<std::uint8_t, 256> table = [] {
    std::array<std::uint8_t, 256> indexes{};
    for (std::size_t c = 0; c < indexes.size(); ++c) {
      indexes[c] = static_cast<std::uint8_t>(state_index_by_name(static_cast<char>(static_cast<unsigned char>(c))));
    }
    return indexes;
  }();
  return table[static_cast<unsigned char>(state)];
}

constexpr std::size_t kUnranked = std::numeric_limits<std::size_t>::max();
constexpr std::string_view kOtherName = "other";

}  // namespace

const std::string_view* process_state_names() { return kStateNames.data(); }

ProcessGroupTracker::ProcessGroupTracker(ProcessGroupOptions options, double ticks_per_second,
                                         double page_size_bytes)
    : options_(std::move(options)), ticks_per_second_(ticks_per_second), page_size_(page_size_bytes) {
  other_.name = kOtherName;
  other_.labels = render_labels({{"name", kOtherName}});
  other_.user_labels = render_labels({{"name", kOtherName}, {"mode", "user"}});
  other_.system_labels = render_labels({{"name", kOtherName}, {"mode", "system"}});
}

ProcessGroupTracker::Group& ProcessGroupTracker::group_named(const std::string& name) {
  const auto found = groups_.find(name);
  if (found != groups_.end()) return found->second;
  // A name seen for the first time: the only place a regex runs.
  Group& group = groups_[name];
  group.name = name;
  group.labels = render_labels({{"name", name}});
  group.user_labels = render_labels({{"name", name}, {"mode", "user"}});
  group.system_labels = render_labels({{"name", name}, {"mode", "system"}});
  group.excluded = options_.exclude && std::regex_match(name, *options_.exclude);
  group.included = !group.excluded && options_.include && std::regex_match(name, *options_.include);
  group.exportable = name != kOtherName;
  return group;
}

void ProcessGroupTracker::add_sample(const platform::ProcessTable& table, std::optional<std::uint64_t> cpu_total_ticks,
                                     std::optional<std::uint64_t> uptime_ticks, ProcessWindow& out,
                                     const OpenFdCounter& count_open_fds) {
  ++window_;
  const bool first_window = window_ == 1;
  live_.clear();
  process_deltas_.clear();
  members_.clear();
  std::fill(std::begin(out.state_counts), std::end(out.state_counts), 0);
  out.threads = 0;

  for (const auto& process : table.processes) {
    const auto& stat = process.stat;
    ++out.state_counts[state_index(stat.state)];
    out.threads += static_cast<double>(std::max<std::int64_t>(stat.threads, 0));

    auto [slot, inserted] = pids_.try_emplace(stat.pid);
    PidState& known = slot->second;
    const bool same_process = !inserted && known.starttime == stat.starttime_ticks;

    std::uint64_t user = 0;
    std::uint64_t system = 0;
    if (same_process) {
      // Never backwards: a counter that shrank contributes nothing this window.
      user = stat.utime_ticks > known.utime ? stat.utime_ticks - known.utime : 0;
      system = stat.stime_ticks > known.stime ? stat.stime_ticks - known.stime : 0;
    } else {
      // New to us (or a reused pid). On the first window every process brings its
      // whole time (the counters start from the processes' lifetimes, as btop's first
      // sample is from boot); later, one that started within the window brings its
      // whole time, and one older than the previous sample that we had not seen
      // (hidden, unreadable then) brings none, so it cannot cause a spike.
      const bool older_than_window = !first_window && uptime_ticks && previous_uptime_ &&
                                     stat.starttime_ticks < *previous_uptime_;
      if (!older_than_window) {
        user = stat.utime_ticks;
        system = stat.stime_ticks;
      }
    }

    Group* group = (same_process && known.group != nullptr && known.group->name == stat.comm)
                       ? known.group
                       : &group_named(stat.comm);
    known.starttime = stat.starttime_ticks;
    known.utime = stat.utime_ticks;
    known.stime = stat.stime_ticks;
    known.group = group;
    known.seen_window = window_;

    if (group->last_seen_window != window_) {
      group->last_seen_window = window_;
      group->user_ticks = group->system_ticks = 0;
      group->processes = group->rss_pages = group->open_fds = group->footprint_bytes = 0;
      group->threads = 0;
      group->fds_known = group->footprint_known = false;
      live_.push_back(group);
    }
    if (group->excluded) continue;
    group->user_ticks += user;
    group->system_ticks += system;
    ++group->processes;
    group->rss_pages += stat.rss_pages;
    group->threads += std::max<std::int64_t>(stat.threads, 0);
    members_.emplace_back(&process, group);
    if (process.footprint_bytes) {
      group->footprint_bytes += *process.footprint_bytes;
      group->footprint_known = true;
    }
    if (options_.top_process_pids) process_deltas_.push_back({user + system, stat.rss_pages, stat.pid});
  }
  std::erase_if(pids_, [this](const auto& entry) { return entry.second.seen_window != window_; });

  rank_groups();

  std::optional<double> total_ticks;
  if (cpu_total_ticks) {
    const std::uint64_t previous = previous_cpu_total_.value_or(0);
    if (*cpu_total_ticks > previous) total_ticks = static_cast<double>(*cpu_total_ticks - previous);
    previous_cpu_total_ = cpu_total_ticks;
  }
  if (uptime_ticks) previous_uptime_ = uptime_ticks;

  // Every delta goes to exactly one series: the group's, or "other".
  Group& other = other_;
  other.user_ticks = other.system_ticks = 0;
  other.processes = other.rss_pages = other.open_fds = other.footprint_bytes = 0;
  other.threads = 0;
  other.fds_known = other.footprint_known = false;
  std::size_t exported_count = 0;
  for (Group* group : live_) {
    if (group->excluded) continue;
    const std::size_t n = options_.top;
    const bool top = group->cpu_rank < n || group->memory_rank < n;
    const bool lingering = group->exported_last_window && (group->cpu_rank < 2 * n || group->memory_rank < 2 * n);
    const bool exported = group->exportable && (group->included || top || lingering);
    group->exported_last_window = exported;
    if (exported) {
      group->exported_user_ticks += group->user_ticks;
      group->exported_system_ticks += group->system_ticks;
      ++exported_count;
      continue;
    }
    other.exported_user_ticks += group->user_ticks;
    other.exported_system_ticks += group->system_ticks;
    other.user_ticks += group->user_ticks;
    other.system_ticks += group->system_ticks;
    other.processes += group->processes;
    other.rss_pages += group->rss_pages;
    other.threads += group->threads;
    other.footprint_bytes += group->footprint_bytes;
    other.footprint_known = other.footprint_known || group->footprint_known;
  }

  // Descriptors of the exported groups' members only (exported_last_window is this window's decision now).
  for (const auto& [process, group] : members_) {
    if (!group->exported_last_window) continue;
    const auto fds = count_open_fds ? count_open_fds(*process) : process->open_fds;
    if (!fds) continue;
    group->open_fds += *fds;
    group->fds_known = true;
  }

  ranking_.clear();
  for (Group* group : live_) {
    if (!group->excluded && group->exported_last_window) ranking_.push_back(group);
  }
  std::sort(ranking_.begin(), ranking_.end(), [](const Group* a, const Group* b) { return a->name < b->name; });
  out.groups.resize(exported_count + 1);
  for (std::size_t i = 0; i < ranking_.size(); ++i) fill_row(out.groups[i], *ranking_[i], total_ticks);
  fill_row(out.groups.back(), other, total_ticks);

  out.top_pids.clear();
  if (options_.top_process_pids) select_top_pids(out.top_pids);
  forget_old_groups();
}

void ProcessGroupTracker::rank_groups() {
  const std::size_t depth = 2 * options_.top;
  for (Group* group : live_) group->cpu_rank = group->memory_rank = kUnranked;
  if (depth == 0) return;

  const auto rank = [&](auto key, std::size_t Group::*rank_member) {
    ranking_.clear();
    for (Group* group : live_) {
      if (!group->excluded && group->exportable && key(*group) > 0) ranking_.push_back(group);
    }
    const std::size_t kept = std::min(depth, ranking_.size());
    std::partial_sort(ranking_.begin(), ranking_.begin() + static_cast<std::ptrdiff_t>(kept), ranking_.end(),
                      [&](const Group* a, const Group* b) {
                        const auto ka = key(*a);
                        const auto kb = key(*b);
                        return ka != kb ? ka > kb : a->name < b->name;
                      });
    for (std::size_t i = 0; i < kept; ++i) ranking_[i]->*rank_member = i;
  };
  rank([](const Group& g) { return g.user_ticks + g.system_ticks; }, &Group::cpu_rank);
  rank([](const Group& g) { return g.rss_pages; }, &Group::memory_rank);
}

void ProcessGroupTracker::fill_row(ProcessGroupRow& row, const Group& group, std::optional<double> total_ticks) const {
  row.labels = group.labels;
  row.user_labels = group.user_labels;
  row.system_labels = group.system_labels;
  row.user_seconds = static_cast<double>(group.exported_user_ticks) / ticks_per_second_;
  row.system_seconds = static_cast<double>(group.exported_system_ticks) / ticks_per_second_;
  row.processes = static_cast<double>(group.processes);
  row.resident_bytes = static_cast<double>(group.rss_pages) * page_size_;
  row.threads = static_cast<double>(group.threads);
  row.open_fds.reset();
  if (group.fds_known) row.open_fds = static_cast<double>(group.open_fds);
  row.footprint_bytes.reset();
  if (group.footprint_known) row.footprint_bytes = static_cast<double>(group.footprint_bytes);
  row.utilization.reset();
  if (total_ticks) {
    const double ratio = static_cast<double>(group.user_ticks + group.system_ticks) / *total_ticks;
    row.utilization = std::clamp(ratio, 0.0, 1.0);
  }
}

void ProcessGroupTracker::select_top_pids(std::vector<int>& out) {
  const std::size_t n = std::min(options_.top, process_deltas_.size());
  if (n == 0) return;
  const auto pick = [&](auto key) {
    std::partial_sort(process_deltas_.begin(), process_deltas_.begin() + static_cast<std::ptrdiff_t>(n),
                      process_deltas_.end(), [&](const ProcessDelta& a, const ProcessDelta& b) {
                        return key(a) != key(b) ? key(a) > key(b) : a.pid < b.pid;
                      });
    for (std::size_t i = 0; i < n; ++i) {
      if (key(process_deltas_[i]) == 0) break;
      if (std::find(out.begin(), out.end(), process_deltas_[i].pid) == out.end()) out.push_back(process_deltas_[i].pid);
    }
  };
  pick([](const ProcessDelta& d) { return d.cpu_ticks; });
  pick([](const ProcessDelta& d) { return d.rss_pages; });
  std::sort(out.begin(), out.end());
}

void ProcessGroupTracker::forget_old_groups() {
  // Groups seen this window are referenced by pids_; only unseen ones are forgotten.
  for (auto& [name, group] : groups_) {
    if (group.last_seen_window != window_) group.exported_last_window = false;
  }
  std::erase_if(groups_, [this](const auto& entry) {
    return window_ - entry.second.last_seen_window > options_.forget_after_windows;
  });
  if (groups_.size() <= options_.max_remembered_groups) return;
  // Too many names (e.g. churning kernel worker names): forget the longest unseen first.
  std::vector<std::pair<std::uint64_t, const std::string*>> unseen;
  for (const auto& [name, group] : groups_) {
    if (group.last_seen_window != window_) unseen.emplace_back(group.last_seen_window, &name);
  }
  std::sort(unseen.begin(), unseen.end());
  std::size_t excess = groups_.size() - options_.max_remembered_groups;
  std::vector<std::string> doomed;
  for (std::size_t i = 0; i < unseen.size() && i < excess; ++i) doomed.push_back(*unseen[i].second);
  for (const auto& name : doomed) groups_.erase(name);
}

}  // namespace host_exporter::collectors
