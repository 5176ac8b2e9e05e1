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
//
// An application's own Collector (reading a queue's depth, a cache's statistics ...) is
// added with add_collector() and gathered after the registry's families, on every
// collect(). Its families are not known until then, so a family whose name another
// family already exposes in that collect() is left out (the registry's families come
// first, then the collectors in the order added), as /metrics does with its sources.

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

  // Gathers `collector` too, until it is removed. The registry shares its ownership, so a
  // scrape under way keeps it alive after remove_collector(). Throws std::invalid_argument for a
  // null collector, one added already, or the registry itself. Its collect() must not register
  // families in this registry. A collect() that throws a std::exception leaves that collector
  // out of that gathering only (what it added is dropped); everything else is still gathered.
  void add_collector(std::shared_ptr<Collector> collector);
  // Stops gathering `collector`; false when it was not added.
  bool remove_collector(const Collector& collector);

  // One MetricFamily per family, in registration order, series in creation order; then the
  // added collectors' families.
  void collect(std::vector<MetricFamily>& out) override;
  // The registry's own families are memory: true while every added collector says so too.
  bool reads_cannot_hang() const override;

  std::size_t size() const;  // number of families, not counting the added collectors'

 private:
  struct Entry;
  template <class T>
  Family<T>& get_or_create(std::string_view name, std::string_view help, std::vector<std::string> label_names,
                           typename T::Config config);
  // Leaves out the families from `first` on whose names are taken (see add_collector).
  void keep_unclaimed(std::vector<MetricFamily>& out, std::size_t first) const;

  mutable std::shared_mutex mutex_;
  std::vector<std::unique_ptr<Entry>> entries_;                 // registration order
  std::unordered_map<std::string, std::size_t> sample_owners_;  // exposed name -> index in entries_
  std::vector<std::shared_ptr<Collector>> collectors_;           // add_collector order
};

// The process-wide registry (never destroyed, so it outlives every static user).
Registry& default_registry();

}  // namespace host_exporter
