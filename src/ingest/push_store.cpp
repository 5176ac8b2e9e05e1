#include "ingest/push_store.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <unordered_set>

#include "exposition/text_parser.hpp"
#include "ingest/atomic_file.hpp"
#include "ingest/push_api_json.hpp"
#include "ingest/push_persistence.hpp"
#include "ingest/sample_timestamps.hpp"
#include "log/log.hpp"

namespace host_exporter::ingest {

namespace {

constexpr std::string_view kPushTimeName = "push_time_seconds";
constexpr std::string_view kPushFailureName = "push_failure_time_seconds";
constexpr std::string_view kDefaultHelp = "Metric pushed to host_exporter's push API.";

bool is_aggregate(MetricType type) { return type == MetricType::kHistogram || type == MetricType::kSummary; }

// The sample names a histogram or summary family writes besides its own name.
std::vector<std::string> derived_names(const MetricFamily& family) {
  if (family.type == MetricType::kHistogram) {
    return {family.name + "_bucket", family.name + "_count", family.name + "_sum"};
  }
  if (family.type == MetricType::kSummary) return {family.name + "_count", family.name + "_sum"};
  return {};
}

// Two groups can hold the same series only when no label they share differs.
bool keys_compatible(const GroupingKey& a, const GroupingKey& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      if (i->second != j->second) return false;
      ++i;
      ++j;
    }
  }
  return true;
}

std::string series_text(const std::string& name, const std::string& labels) {
  return labels.empty() ? name : name + '{' + labels + '}';
}

std::string type_text(MetricType type) { return std::string(to_string(type)); }

}  // namespace

struct PushStore::Prepared {
  std::vector<MetricFamily> families;
  std::size_t series = 0;
  std::string error;  // set when the body is refused before looking at the store
};

PushStore::PushStore(PushStoreOptions options) : options_(std::move(options)) {
  last_persist_ = std::chrono::steady_clock::now();
  load();
}

PushStore::~PushStore() { stop(); }

TimePoint PushStore::now() const { return options_.clock ? options_.clock() : std::chrono::system_clock::now(); }

PushStore::Prepared PushStore::prepare(const GroupingKey& key, std::string_view body) const {
  Prepared prepared;
  auto parsed = exposition::parse_text(body);
  if (auto* error = std::get_if<exposition::ParseError>(&parsed)) {
    prepared.error = "text format parsing error: " + error->message();
    return prepared;
  }
  auto& families = std::get<std::vector<MetricFamily>>(parsed);
  if (has_sample_timestamps(families)) {
    prepared.error = "pushed metrics must not have timestamps (line " +
                     std::to_string(first_timestamped_line(body)) + ")";
    return prepared;
  }
  std::unordered_set<std::string> names;
  for (auto& family : families) {
    // The store writes these two itself, as Pushgateway does: pushed ones are ignored.
    if (family.name == kPushTimeName || family.name == kPushFailureName) continue;
    if (family.series.empty()) continue;
    if (family.help.empty()) family.help = kDefaultHelp;
    std::unordered_set<std::string> seen;
    for (auto& series : family.series) {
      auto labels = apply_grouping_key(series.labels, key);
      if (!labels) {
        prepared.error = "invalid labels in " + family.name;
        return prepared;
      }
      series.labels = std::move(*labels);
      if (!seen.insert(series.labels).second) {
        prepared.error = "duplicate series " + series_text(family.name, series.labels) +
                         " once the grouping labels are applied";
        return prepared;
      }
    }
    prepared.series += family.series.size();
    names.insert(family.name);
    prepared.families.push_back(std::move(family));
  }
  for (const auto& family : prepared.families) {
    for (const auto& derived : derived_names(family)) {
      if (names.count(derived) > 0) {
        prepared.error = "metric " + derived + " collides with the samples of " + type_text(family.type) + " " +
                         family.name;
        return prepared;
      }
    }
  }
  return prepared;
}

PushResult PushStore::check(const GroupingKey& key, const Prepared& prepared, PushMethod method) const {
  const auto found = groups_.find(key);
  const PushGroup* group = found == groups_.end() ? nullptr : &found->second;
  if (group == nullptr && groups_.size() >= options_.limits.max_groups) {
    return {PushStatus::kTooManyGroups, "too many groups: " + std::to_string(groups_.size()) +
                                            " are stored (--push.max-groups); delete one or let --push.ttl expire it"};
  }

  std::unordered_set<std::string_view> pushed;
  for (const auto& family : prepared.families) pushed.insert(family.name);

  std::size_t series_total = prepared.series;
  if (group != nullptr && method == PushMethod::kPost) {
    for (const auto& [name, kept] : group->families) {
      if (pushed.count(name) == 0) series_total += kept.family.series.size();
    }
  }
  if (series_total > options_.limits.max_series_per_group) {
    return {PushStatus::kTooManySeries, "the group would hold " + std::to_string(series_total) + " series, more than " +
                                            std::to_string(options_.limits.max_series_per_group) +
                                            " (--push.max-series-per-group)"};
  }

  // How a name is used once this push is applied, not counting the pushed families themselves.
  auto use_after = [&](const std::string& name) -> const NameUse* {
    const auto use = names_.find(name);
    if (use == names_.end()) return nullptr;
    const bool replaced = group != nullptr && group->families.count(name) > 0 &&
                          (method == PushMethod::kPut || pushed.count(name) > 0);
    return use->second.groups > (replaced ? 1u : 0u) ? &use->second : nullptr;
  };

  for (const auto& family : prepared.families) {
    if (const NameUse* use = use_after(family.name); use != nullptr && use->type != family.type) {
      return {PushStatus::kInvalid, "metric " + family.name + " pushed as " + type_text(family.type) +
                                        " but stored as " + type_text(use->type) + " in another group"};
    }
    for (const auto& derived : derived_names(family)) {
      if (use_after(derived) != nullptr) {
        return {PushStatus::kInvalid, "metric " + family.name + " (" + type_text(family.type) +
                                          ") collides with the stored metric " + derived};
      }
    }
    for (const std::string_view suffix : {"_bucket", "_count", "_sum"}) {
      if (!family.name.ends_with(suffix)) continue;
      const std::string base = family.name.substr(0, family.name.size() - suffix.size());
      const NameUse* use = use_after(base);
      if (use != nullptr && is_aggregate(use->type) && (use->type == MetricType::kHistogram || suffix != "_bucket")) {
        return {PushStatus::kInvalid, "metric " + family.name + " collides with the samples of the stored " +
                                          type_text(use->type) + " " + base};
      }
    }
  }

  // Series are unique per group by construction; across groups only where the keys allow it.
  for (const auto& [other_key, other] : groups_) {
    if (&other == group || !keys_compatible(other_key, key)) continue;
    for (const auto& family : prepared.families) {
      const auto stored = other.families.find(family.name);
      if (stored == other.families.end()) continue;
      std::unordered_set<std::string_view> labels;
      for (const auto& series : stored->second.family.series) labels.insert(series.labels);
      for (const auto& series : family.series) {
        if (labels.count(series.labels) > 0) {
          return {PushStatus::kInvalid, "duplicate series " + series_text(family.name, series.labels) +
                                            ": group " + describe(other_key) + " already holds it"};
        }
      }
    }
  }
  return {};
}

void PushStore::index_add(const MetricFamily& family) {
  auto& use = names_[family.name];
  use.type = family.type;
  ++use.groups;
}

void PushStore::index_remove(const std::string& name) {
  const auto use = names_.find(name);
  if (use == names_.end()) return;
  if (--use->second.groups == 0) names_.erase(use);
}

void PushStore::apply(const GroupingKey& key, Prepared&& prepared, PushMethod method, TimePoint time) {
  auto [it, created] = groups_.try_emplace(key);
  PushGroup& group = it->second;
  if (created) group.key = key;
  if (method == PushMethod::kPut) {
    for (const auto& [name, pushed] : group.families) index_remove(name);
    group.families.clear();
  }
  for (auto& family : prepared.families) {
    const auto existing = group.families.find(family.name);
    if (existing != group.families.end()) {
      index_remove(existing->first);
      group.families.erase(existing);
    }
    index_add(family);
    std::string name = family.name;
    group.families.emplace(std::move(name), PushedFamily{std::move(family), time});
  }
  group.push_time = time;
  group.last_request = time;
  ++generation_;
}

void PushStore::record_failure(const GroupingKey& key, TimePoint time) {
  // Never a new group: garbage keys would fill --push.max-groups and refuse real pushes.
  const auto it = groups_.find(key);
  if (it == groups_.end()) return;
  it->second.failure_time = time;
  it->second.last_request = time;
  ++generation_;
}

PushResult PushStore::push(const GroupingKey& key, std::string_view body, PushMethod method) {
  const TimePoint time = now();
  PushResult result;
  if (body.size() > options_.limits.max_body_bytes) {
    result = {PushStatus::kBodyTooLarge, "body of " + std::to_string(body.size()) + " bytes is larger than " +
                                             std::to_string(options_.limits.max_body_bytes) + " (--push.max-bytes)"};
    std::unique_lock lock(mutex_);
    expire_locked(time);
    record_failure(key, time);
  } else {
    Prepared prepared = prepare(key, body);  // no lock held while parsing
    std::unique_lock lock(mutex_);
    expire_locked(time);
    if (!prepared.error.empty()) {
      result = {PushStatus::kInvalid, std::move(prepared.error)};
    } else {
      result = check(key, prepared, method);
      if (result.status == PushStatus::kStored) apply(key, std::move(prepared), method, time);
    }
    if (result.status != PushStatus::kStored) record_failure(key, time);
  }
  if (result.status != PushStatus::kStored) {
    log::debug("push refused", {{"group", describe(key)}, {"reason", result.reason}});
  }
  return persisted(std::move(result), changed());
}

PushResult PushStore::remove(const GroupingKey& key) {
  {
    std::unique_lock lock(mutex_);
    expire_locked(now());
    const auto it = groups_.find(key);
    if (it != groups_.end()) {
      erase_group(it);
      ++generation_;
    }
  }
  return persisted({}, changed());
}

PushResult PushStore::persisted(PushResult result, const std::optional<std::string>& write_error) const {
  if (result.status != PushStatus::kStored || !write_error || options_.accept_unpersisted) return result;
  return {PushStatus::kNotPersisted, "applied in memory but not written to the persistence file (" + *write_error +
                                         "); retry, or see --push.accept-unpersisted"};
}

void PushStore::erase_group(std::map<GroupingKey, PushGroup>::iterator it) {
  for (const auto& [name, pushed] : it->second.families) index_remove(name);
  groups_.erase(it);
}

bool PushStore::expired(const PushGroup& group, TimePoint time) const {
  return options_.ttl.count() > 0 && time - group.last_request >= options_.ttl;
}

std::size_t PushStore::expire_locked(TimePoint time) {
  if (options_.ttl.count() <= 0) return 0;
  std::size_t dropped = 0;
  for (auto it = groups_.begin(); it != groups_.end();) {
    if (expired(it->second, time)) {
      log::info("push group expired", {{"group", describe(it->first)}});
      const auto next = std::next(it);
      erase_group(it);
      it = next;
      ++dropped;
    } else {
      ++it;
    }
  }
  if (dropped > 0) ++generation_;
  return dropped;
}

std::size_t PushStore::expire() {
  std::size_t dropped = 0;
  {
    std::unique_lock lock(mutex_);
    dropped = expire_locked(now());
  }
  if (dropped > 0) changed();
  return dropped;
}

std::size_t PushStore::group_count() const {
  std::shared_lock lock(mutex_);
  return groups_.size();
}

void PushStore::collect(std::vector<MetricFamily>& out) {
  std::shared_lock lock(mutex_);
  const TimePoint time = now();
  MetricFamily push_time{std::string(kPushTimeName), "Last Unix time when changing this group succeeded.",
                         MetricType::kGauge, {}};
  MetricFamily push_failure{std::string(kPushFailureName), "Last Unix time when changing this group failed.",
                            MetricType::kGauge, {}};
  std::unordered_map<std::string_view, std::size_t> position;
  for (const auto& [key, group] : groups_) {
    if (expired(group, time)) continue;  // the sweep removes it; the scrape already forgets it
    for (const auto& [name, pushed] : group.families) {
      const auto [at, inserted] = position.try_emplace(name, out.size());
      if (inserted) {
        out.push_back(pushed.family);
      } else {
        auto& series = out[at->second].series;
        series.insert(series.end(), pushed.family.series.begin(), pushed.family.series.end());
      }
    }
    const std::string labels = apply_grouping_key("", key).value_or(std::string());
    push_time.series.push_back({labels, to_unix_seconds(group.push_time), {}});
    push_failure.series.push_back({labels, to_unix_seconds(group.failure_time), {}});
  }
  if (!push_time.series.empty()) {
    out.push_back(std::move(push_time));
    out.push_back(std::move(push_failure));
  }
  collect_persistence_health(out);
}

void PushStore::collect_persistence_health(std::vector<MetricFamily>& out) const {
  if (options_.persistence_file.empty()) return;
  out.push_back({"host_exporter_push_persistence_failures_total",
                 "Writes of the push persistence file that failed since start.", MetricType::kCounter,
                 {{"", static_cast<double>(persistence_failures_.load()), {}}}});
  out.push_back({"host_exporter_push_persistence_ok",
                 "1 when the last write of the push persistence file succeeded (or none was due yet), 0 when it failed.",
                 MetricType::kGauge, {{"", last_write_ok_.load() ? 1.0 : 0.0, {}}}});
  out.push_back({"host_exporter_push_persistence_skipped_groups",
                 "Groups of the persistence file left out at start because they could not be used.",
                 MetricType::kGauge, {{"", static_cast<double>(groups_skipped_at_load_), {}}}});
}

std::string PushStore::api_metrics_json() const {
  std::shared_lock lock(mutex_);
  const TimePoint time = now();
  std::vector<const PushGroup*> live;
  for (const auto& [key, group] : groups_) {
    if (!expired(group, time)) live.push_back(&group);
  }
  return render_api_metrics(live);
}

std::optional<std::string> PushStore::changed() {
  if (options_.persistence_file.empty()) return std::nullopt;
  if (options_.persistence_interval.count() <= 0) {
    return write_pending();  // write-through: the answer to the client follows the write
  }
  { std::lock_guard lock(background_mutex_); }  // the sleeper is either waiting or has not yet looked
  background_wake_.notify_all();
  return std::nullopt;
}

bool PushStore::flush() { return !write_pending().has_value(); }

std::optional<std::string> PushStore::write_pending() {
  if (options_.persistence_file.empty()) return std::nullopt;
  std::lock_guard persist(persist_mutex_);
  std::string data;
  std::uint64_t generation = 0;
  {
    std::shared_lock lock(mutex_);
    generation = generation_.load();
    if (generation == persisted_generation_) return std::nullopt;
    std::vector<const PushGroup*> groups;
    for (const auto& [key, group] : groups_) groups.push_back(&group);
    try {
      data = serialize_push_groups(groups);
    } catch (const std::exception& e) {
      log::error("cannot serialize the push groups", {{"err", e.what()}});
      last_persist_ = std::chrono::steady_clock::now();
      ++persistence_failures_;
      last_write_ok_ = false;
      return std::string("cannot serialize the push groups: ") + e.what();
    }
  }
  last_persist_ = std::chrono::steady_clock::now();
  try {
    write_file_atomically(options_.persistence_file, data);
  } catch (const std::system_error& e) {
    log::error("cannot write the push persistence file", {{"file", options_.persistence_file}, {"err", e.what()}});
    ++persistence_failures_;
    last_write_ok_ = false;
    return std::string(e.what());
  }
  persisted_generation_ = generation;
  last_write_ok_ = true;
  log::debug("push groups persisted", {{"file", options_.persistence_file}});
  return std::nullopt;
}

void PushStore::load() {
  const std::string& file = options_.persistence_file;
  if (file.empty()) return;
  remove_stale_temporary_files(file);
  std::optional<std::string> text;
  try {
    text = read_file_if_exists(file);
  } catch (const std::system_error& e) {
    log::error("cannot read the push persistence file; starting empty", {{"file", file}, {"err", e.what()}});
    return;
  }
  if (!text) return;

  auto parsed = parse_push_groups(*text);
  const std::string aside =
      file + ".corrupt-" +
      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count());
  std::error_code error;
  if (auto* reason = std::get_if<std::string>(&parsed)) {
    std::filesystem::rename(file, aside, error);
    log::error("push persistence file is corrupt; set aside, starting empty",
               {{"file", file}, {"reason", *reason}, {"moved_to", error ? std::string("(rename failed)") : aside}});
    return;
  }
  auto& loaded = std::get<LoadedPushGroups>(parsed);
  add_loaded(std::move(loaded.groups), loaded.skipped);
  log::info("push groups loaded", {{"file", file}, {"groups", std::to_string(groups_.size())},
                                   {"skipped", std::to_string(loaded.skipped.size())}});
  if (loaded.skipped.empty()) return;
  groups_skipped_at_load_ = loaded.skipped.size();
  // The next write replaces the file: a copy keeps what was skipped for a person to look at.
  std::filesystem::copy_file(file, aside, std::filesystem::copy_options::overwrite_existing, error);
  for (const auto& reason : loaded.skipped) {
    log::error("push persistence file: group skipped",
               {{"file", file}, {"reason", reason}, {"copy", error ? std::string("(copy failed)") : aside}});
  }
}

// Adds groups read from the file; a group that conflicts with one added before it
// (a second type for a name, the same key twice) is skipped and its reason added.
void PushStore::add_loaded(std::vector<PushGroup> groups, std::vector<std::string>& skipped) {
  for (auto& group : groups) {
    std::string problem;
    for (const auto& [name, pushed] : group.families) {
      const auto use = names_.find(name);
      if (use != names_.end() && use->second.type != pushed.family.type) problem = "metric " + name + " has two types";
    }
    if (groups_.count(group.key) > 0) problem = "the group appears twice";
    if (!problem.empty()) {
      skipped.push_back("group " + describe(group.key) + ": " + problem);
      continue;
    }
    for (const auto& [name, pushed] : group.families) index_add(pushed.family);
    GroupingKey key = group.key;
    groups_.emplace(std::move(key), std::move(group));
  }
}

void PushStore::start() {
  std::lock_guard lock(background_mutex_);
  if (background_.joinable()) return;
  const bool sweeps = options_.ttl.count() > 0;
  const bool coalesces = !options_.persistence_file.empty() && options_.persistence_interval.count() > 0;
  if (!sweeps && !coalesces) return;
  background_stop_ = false;
  background_ = std::thread([this] { run_background(); });
}

void PushStore::stop() {
  {
    std::lock_guard lock(background_mutex_);
    background_stop_ = true;
  }
  background_wake_.notify_all();
  if (background_.joinable()) background_.join();
  flush();
}

void PushStore::run_background() {
  using std::chrono::steady_clock;
  const auto sweep_period = std::clamp<std::chrono::milliseconds>(options_.ttl / 10, std::chrono::seconds(1),
                                                                  std::chrono::minutes(1));
  const bool sweeps = options_.ttl.count() > 0;
  const bool coalesces = !options_.persistence_file.empty() && options_.persistence_interval.count() > 0;
  auto next_sweep = steady_clock::now() + sweep_period;

  std::unique_lock lock(background_mutex_);
  while (!background_stop_) {
    std::optional<steady_clock::time_point> wake;
    if (sweeps) wake = next_sweep;
    if (coalesces) {
      std::lock_guard persist(persist_mutex_);
      if (generation_.load() != persisted_generation_) {
        const auto due = last_persist_ + options_.persistence_interval;
        wake = wake ? std::min(*wake, due) : due;
      }
    }
    if (wake) {
      background_wake_.wait_until(lock, *wake);
    } else {
      background_wake_.wait(lock);
    }
    if (background_stop_) break;

    lock.unlock();  // pushes may notify while the work runs
    const auto current = steady_clock::now();
    if (sweeps && current >= next_sweep) {
      expire();
      next_sweep = current + sweep_period;
    }
    if (coalesces) {
      bool due = false;
      {
        std::lock_guard persist(persist_mutex_);
        due = generation_.load() != persisted_generation_ &&
              current >= last_persist_ + options_.persistence_interval;
      }
      if (due) flush();
    }
    lock.lock();
  }
}

}  // namespace host_exporter::ingest
