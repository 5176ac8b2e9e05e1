#include "host_exporter/family.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <type_traits>

namespace host_exporter {

namespace {

template <class T>
constexpr MetricType type_of() {
  if constexpr (std::is_same_v<T, Counter>) return MetricType::kCounter;
  if constexpr (std::is_same_v<T, Gauge>) return MetricType::kGauge;
  if constexpr (std::is_same_v<T, Histogram>) return MetricType::kHistogram;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

void validate(std::string_view name, const std::vector<std::string>& label_names, MetricType type) {
  std::string quoted(1, '\'');  // built by appending: GCC 12 -O3 warns falsely on "'" + std::string
  quoted.append(name).push_back('\'');
  if (!is_valid_metric_name(name)) {
    throw std::invalid_argument("invalid metric name " + quoted + ": names match [a-zA-Z_:][a-zA-Z0-9_:]*");
  }
  if (type == MetricType::kCounter && (!name.ends_with("_total") || name.size() == 6)) {
    throw std::invalid_argument("counter name " + quoted + " must end in _total (try '" + std::string(name) +
                                "_total'), so that text 0.0.4 and OpenMetrics both expose it correctly");
  }
  for (std::size_t i = 0; i < label_names.size(); ++i) {
    const std::string& label = label_names[i];
    if (!is_valid_label_name(label)) {
      throw std::invalid_argument("metric " + quoted + ": invalid label name '" + label +
                                  "': names match [a-zA-Z_][a-zA-Z0-9_]* and must not start with __");
    }
    if (type == MetricType::kHistogram && label == "le") {
      throw std::invalid_argument("histogram " + quoted + ": the label name 'le' is reserved for bucket bounds");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (label_names[j] == label) {
        throw std::invalid_argument("metric " + quoted + ": label name '" + label + "' appears twice");
      }
    }
  }
}

// An unambiguous key for a list of values: each value preceded by its length, so
// ("a,b") and ("a", "b") differ whatever bytes the values hold.
template <class Value>
void build_key(std::string& key, std::span<const Value> values) {
  key.clear();
  for (const Value& value : values) {
    const auto size = static_cast<std::uint32_t>(value.size());
    key.append(reinterpret_cast<const char*>(&size), sizeof size);
    key.append(value.data(), value.size());
  }
}

Series series_of(std::string_view labels, const Counter& metric) {
  Series series;
  series.labels = labels;
  series.value = metric.value();
  return series;
}
Series series_of(std::string_view labels, const Gauge& metric) {
  Series series;
  series.labels = labels;
  series.value = metric.value();
  return series;
}
Series series_of(std::string_view labels, const Histogram& metric) {
  Series series;
  series.labels = labels;
  series.value = metric.snapshot();
  return series;
}

// The wall clock, as client_golang stamps a counter's creation.
double seconds_since_epoch() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

template <class T>
Family<T>::Family(std::string name, std::string help, std::vector<std::string> label_names, Config config)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)), config_(std::move(config)) {
  validate(name_, label_names_, type_of<T>());
  // Children are created later; bad bounds must fail here, not at the first labels().
  if constexpr (std::is_same_v<T, Histogram>) check_bucket_bounds(config_.upper_bounds);
  if (label_names_.empty()) {
    children_.push_back(std::make_unique<Child>(std::string(), config_));
    only_child_ = children_.back().get();
    only_child_->created = seconds_since_epoch();
    by_key_.emplace(std::string(), only_child_);
  }
}

template <class T>
Family<T>::~Family() = default;

template <class T>
T& Family<T>::get() {
  if (only_child_ == nullptr) {
    throw std::invalid_argument("metric '" + name_ + "' has label names (" + join_names(label_names_) +
                                "): use labels(...) to pick a series");
  }
  return only_child_->metric;
}

template <class T>
T& Family<T>::labels(std::span<const std::string_view> values) {
  return labels_of(values);
}

template <class T>
T& Family<T>::labels(std::span<const std::string> values) {
  return labels_of(values);
}

template <class T>
template <class Value>
T& Family<T>::labels_of(std::span<const Value> values) {
  if (values.size() != label_names_.size()) {
    throw std::invalid_argument("metric '" + name_ + "' has " + std::to_string(label_names_.size()) +
                                " label names (" + join_names(label_names_) + "), got " +
                                std::to_string(values.size()) + " values");
  }
  thread_local std::string key;  // reused: a lookup of an existing child allocates nothing
  build_key(key, values);
  {
    const std::shared_lock lock(mutex_);
    if (auto it = by_key_.find(std::string_view(key)); it != by_key_.end()) return it->second->metric;
  }
  const std::unique_lock lock(mutex_);
  if (auto it = by_key_.find(std::string_view(key)); it != by_key_.end()) return it->second->metric;
  std::string rendered;
  for (std::size_t i = 0; i < values.size(); ++i) append_label(rendered, label_names_[i], values[i]);
  children_.push_back(std::make_unique<Child>(std::move(rendered), config_));
  Child* child = children_.back().get();
  child->created = seconds_since_epoch();
  by_key_.emplace(key, child);
  return child->metric;
}

template <class T>
std::size_t Family<T>::size() const {
  const std::shared_lock lock(mutex_);
  return children_.size();
}

template <class T>
void Family<T>::collect(std::vector<MetricFamily>& out) {
  MetricFamily family;
  family.name = name_;
  family.help = help_;
  family.type = type_of<T>();
  {
    const std::shared_lock lock(mutex_);
    family.series.reserve(children_.size());
    for (const auto& child : children_) {
      family.series.push_back(series_of(child->labels, child->metric));
      if constexpr (std::is_same_v<T, Counter>) family.series.back().created = child->created;
    }
  }
  out.push_back(std::move(family));
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

}  // namespace host_exporter
