#pragma once
// The registry of an application's metric families, itself a Collector.
//
// Registration is get-or-create: asking again for a family with the same name, type
// and label names (and bucket bounds, for a histogram) returns the family already
// there, so code that runs twice in one process (a Streamlit re-run, a re-imported
// module) gets its metrics back instead of an error. Any mismatch throws
// std::invalid_argument saying what differs. The help text of the first
// registration wins. Names that would expose the same series (a counter `x_total`
// and a gauge `x`, which share the OpenMetrics family `x`; a histogram `h` and a
// gauge `h_count`) are refused too.

#include <cstddef>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "host_exporter/collector.hpp"
#include "host_exporter/family.hpp"

namespace host_exporter {

class Registry final : public Collector {
 public:
  Registry();
  ~Registry() override;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // A counter's name must end in _total.
  Family<Counter>& counter(std::string_view name, std::string_view help, std::vector<std::string> label_names = {});
  Family<Gauge>& gauge(std::string_view name, std::string_view help, std::vector<std::string> label_names = {});
  Family<Histogram>& histogram(std::string_view name, std::string_view help, std::vector<std::string> label_names = {},
                               std::vector<double> upper_bounds = default_buckets());

  // One MetricFamily per family, in registration order; series in creation order.
  void collect(std::vector<MetricFamily>& out) override;

  std::size_t size() const;  // number of families

 private:
  struct Entry;
  template <class T>
  Family<T>& get_or_create(std::string_view name, std::string_view help, std::vector<std::string> label_names,
                           typename T::Config config);

  mutable std::shared_mutex mutex_;
  std::vector<std::unique_ptr<Entry>> entries_;                 // registration order
  std::unordered_map<std::string, std::size_t> sample_owners_;  // exposed name -> index in entries_
};

// The process-wide registry (never destroyed, so it outlives every static user).
Registry& default_registry();

}  // namespace host_exporter
