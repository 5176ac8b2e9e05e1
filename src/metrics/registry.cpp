#include "host_exporter/registry.hpp"

#include "metrics/double_chars.hpp"

#include <algorithm>
#include <charconv>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <unordered_set>
#include <variant>

namespace host_exporter {

struct Registry::Entry {
  std::variant<std::unique_ptr<Family<Counter>>, std::unique_ptr<Family<Gauge>>, std::unique_ptr<Family<Histogram>>>
      family;

  Collector& collector() {
    return std::visit([](auto& f) -> Collector& { return *f; }, family);
  }
  const std::string& name() const {
    return std::visit([](const auto& f) -> const std::string& { return f->name(); }, family);
  }
  std::string_view type_name() const {
    static constexpr std::string_view kNames[] = {"counter", "gauge", "histogram"};
    return kNames[family.index()];
  }
};

namespace {

template <class T>
std::string_view type_name() {
  if constexpr (std::is_same_v<T, Counter>) return "counter";
  if constexpr (std::is_same_v<T, Gauge>) return "gauge";
  if constexpr (std::is_same_v<T, Histogram>) return "histogram";
}

template <class T>
constexpr MetricType metric_type() {
  if constexpr (std::is_same_v<T, Counter>) return MetricType::kCounter;
  if constexpr (std::is_same_v<T, Gauge>) return MetricType::kGauge;
  if constexpr (std::is_same_v<T, Histogram>) return MetricType::kHistogram;
}

// Every name a family can put on the wire, in text 0.0.4 or OpenMetrics.
std::vector<std::string> exposed_names(MetricType type, std::string_view name) {
  const std::string n(name);
  switch (type) {
    case MetricType::kCounter: {
      // OpenMetrics names the family without _total and adds it to the sample.
      const std::string base(name.ends_with("_total") ? name.substr(0, name.size() - 6) : name);
      if (base == n) return {n, n + "_total", n + "_created"};
      return {n, base, base + "_created"};
    }
    case MetricType::kHistogram:
      return {n, n + "_bucket", n + "_sum", n + "_count", n + "_created"};
    case MetricType::kSummary:
      return {n, n + "_sum", n + "_count", n + "_created"};
    case MetricType::kGauge:
    case MetricType::kUntyped:
      break;
  }
  return {n};
}

std::string list(const std::vector<std::string>& names) {
  std::string out = "(";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + ")";
}

std::string list(const std::vector<double>& bounds) {
  std::string out = "(";
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (i) out += ", ";
    char buffer[32];
    const auto result = write_shortest_double(buffer, buffer + sizeof buffer, bounds[i]);
    out.append(buffer, result.ptr);
  }
  return out + ")";
}

// Throws when an existing family does not match what is asked for.
template <class T>
void check_same(const Family<T>& existing, const std::vector<std::string>& label_names,
                const typename T::Config& config) {
  if (existing.label_names() != label_names) {
    throw std::invalid_argument(std::string(type_name<T>()) + " '" + existing.name() +
                                "' is already registered with label names " + list(existing.label_names()) +
                                ", not " + list(label_names));
  }
  if constexpr (std::is_same_v<T, Histogram>) {
    if (existing.config().upper_bounds != config.upper_bounds) {
      throw std::invalid_argument("histogram '" + existing.name() + "' is already registered with buckets " +
                                  list(existing.config().upper_bounds) + ", not " + list(config.upper_bounds));
    }
  }
}

}  // namespace

Registry::Registry() = default;
Registry::~Registry() = default;

template <class T>
Family<T>& Registry::get_or_create(std::string_view name, std::string_view help, std::vector<std::string> label_names,
                                   typename T::Config config) {
  const std::unique_lock lock(mutex_);
  if (auto it = sample_owners_.find(std::string(name)); it != sample_owners_.end()) {
    Entry& entry = *entries_[it->second];
    if (entry.name() == name) {
      auto* family = std::get_if<std::unique_ptr<Family<T>>>(&entry.family);
      if (family == nullptr) {
        throw std::invalid_argument("metric '" + std::string(name) + "' is already registered as a " +
                                    std::string(entry.type_name()) + ", not a " + std::string(type_name<T>()));
      }
      check_same(**family, label_names, config);
      return **family;
    }
  }
  // A new family: validates its name and labels, and must not expose a name another family exposes.
  auto family = std::make_unique<Family<T>>(std::string(name), std::string(help), std::move(label_names),
                                            std::move(config));
  const std::vector<std::string> names = exposed_names(metric_type<T>(), name);
  for (const std::string& exposed : names) {
    if (auto it = sample_owners_.find(exposed); it != sample_owners_.end()) {
      const Entry& other = *entries_[it->second];
      throw std::invalid_argument(std::string(type_name<T>()) + " '" + std::string(name) + "' collides with " +
                                  std::string(other.type_name()) + " '" + other.name() + "': both would expose '" +
                                  exposed + "'");
    }
  }
  Family<T>& result = *family;
  auto entry = std::make_unique<Entry>();
  entry->family = std::move(family);
  entries_.push_back(std::move(entry));
  for (const std::string& exposed : names) sample_owners_.emplace(exposed, entries_.size() - 1);
  return result;
}

Family<Counter>& Registry::counter(std::string_view name, std::string_view help, std::vector<std::string> label_names) {
  return get_or_create<Counter>(name, help, std::move(label_names), {});
}

Family<Gauge>& Registry::gauge(std::string_view name, std::string_view help, std::vector<std::string> label_names) {
  return get_or_create<Gauge>(name, help, std::move(label_names), {});
}

Family<Histogram>& Registry::histogram(std::string_view name, std::string_view help,
                                       std::vector<std::string> label_names, std::vector<double> upper_bounds) {
  return get_or_create<Histogram>(name, help, std::move(label_names), Histogram::Config{std::move(upper_bounds)});
}

void Registry::add_collector(std::shared_ptr<Collector> collector) {
  if (collector == nullptr) throw std::invalid_argument("add_collector: the collector is null");
  if (collector.get() == this) throw std::invalid_argument("add_collector: a registry cannot gather itself");
  const std::unique_lock lock(mutex_);
  for (const auto& added : collectors_) {
    if (added == collector) throw std::invalid_argument("add_collector: this collector is added already");
  }
  collectors_.push_back(std::move(collector));
}

bool Registry::remove_collector(const Collector& collector) {
  std::shared_ptr<Collector> removed;  // released after the lock: its destructor may use the registry
  const std::unique_lock lock(mutex_);
  const auto it = std::find_if(collectors_.begin(), collectors_.end(),
                               [&](const std::shared_ptr<Collector>& added) { return added.get() == &collector; });
  if (it == collectors_.end()) return false;
  removed = std::move(*it);
  collectors_.erase(it);
  return true;
}

bool Registry::reads_cannot_hang() const {
  const std::shared_lock lock(mutex_);
  return std::all_of(collectors_.begin(), collectors_.end(),
                     [](const auto& collector) { return collector->reads_cannot_hang(); });
}

void Registry::collect(std::vector<MetricFamily>& out) {
  std::vector<std::shared_ptr<Collector>> collectors;
  {
    const std::shared_lock lock(mutex_);
    out.reserve(out.size() + entries_.size());
    for (const auto& entry : entries_) entry->collector().collect(out);
    collectors = collectors_;
  }
  if (collectors.empty()) return;
  // Outside the lock: a collector may take its time, and add_collector() must not wait for it.
  const std::size_t first = out.size();
  for (const auto& collector : collectors) {
    // One collector that throws loses only what it added: the registry's families and the
    // other collectors' are still gathered.
    const std::size_t before = out.size();
    try {
      collector->collect(out);
    } catch (const std::exception&) {
      out.resize(before);
    }
  }
  keep_unclaimed(out, first);
}

void Registry::keep_unclaimed(std::vector<MetricFamily>& out, std::size_t first) const {
  const std::shared_lock lock(mutex_);
  std::unordered_set<std::string> claimed;  // exposed by the collectors' families kept so far
  std::size_t kept = first;
  for (std::size_t i = first; i < out.size(); ++i) {
    const std::vector<std::string> names = exposed_names(out[i].type, out[i].name);
    const bool taken = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return sample_owners_.contains(name) || claimed.contains(name);
    });
    if (taken) continue;
    claimed.insert(names.begin(), names.end());
    if (kept != i) out[kept] = std::move(out[i]);
    ++kept;
  }
  out.resize(kept);
}

std::size_t Registry::size() const {
  const std::shared_lock lock(mutex_);
  return entries_.size();
}

Registry& default_registry() {
  static Registry* const instance = new Registry;
  return *instance;
}

}  // namespace host_exporter
