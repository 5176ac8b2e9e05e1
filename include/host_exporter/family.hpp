#pragma once
// A metric family: one name, help text and list of label names, and one child metric
// (Counter, Gauge or Histogram) per distinct list of label values.
//
// labels(...) gets or creates the child for a list of values. Children live as long
// as their family, so the reference it returns stays valid: on a hot path, look the
// child up once and keep the reference. labels() itself builds a key, hashes it and
// takes a shared lock (the first call for a new list of values takes the lock
// exclusively and renders the label text, once for the life of the series).
//
// A family without label names has exactly one child, created with the family (so it
// is exposed from the start), reachable with get().

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "host_exporter/collector.hpp"
#include "host_exporter/counter.hpp"
#include "host_exporter/gauge.hpp"
#include "host_exporter/histogram.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter {

template <class T>
class Family final : public Collector {
 public:
  using Config = typename T::Config;

  // Throws std::invalid_argument for an invalid metric or label name, a repeated
  // label name, a counter name without the _total suffix, or `le` on a histogram.
  Family(std::string name, std::string help, std::vector<std::string> label_names, Config config = {});
  ~Family() override;
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  // The child for these label values, in the order of label_names(); created on first
  // use. A wrong number of values throws std::invalid_argument.
  T& labels(std::initializer_list<std::string_view> values) {
    return labels(std::span<const std::string_view>(values.begin(), values.size()));
  }
  T& labels(std::span<const std::string_view> values);
  T& labels(std::span<const std::string> values);

  // The only child of a family without label names; throws std::invalid_argument
  // when the family has label names.
  T& get();

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  const Config& config() const { return config_; }
  std::size_t size() const;  // number of children

  // Appends one MetricFamily with a series per child, in creation order.
  void collect(std::vector<MetricFamily>& out) override;

 private:
  struct Child {
    Child(std::string rendered_labels, const Config& config) : labels(std::move(rendered_labels)), metric(config) {}
    std::string labels;  // rendered once, e.g. method="GET",code="200"
    T metric;
    double created = 0;  // seconds since the epoch when the child was made (a counter's OpenMetrics _created)
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
  };

  template <class Value>
  T& labels_of(std::span<const Value> values);

  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  Config config_;
  Child* only_child_ = nullptr;  // set when there are no label names

  mutable std::shared_mutex mutex_;
  std::vector<std::unique_ptr<Child>> children_;  // creation order
  std::unordered_map<std::string, Child*, KeyHash, std::equal_to<>> by_key_;
};

extern template class Family<Counter>;
extern template class Family<Gauge>;
extern template class Family<Histogram>;

}  // namespace host_exporter
