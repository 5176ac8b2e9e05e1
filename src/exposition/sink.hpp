#pragma once
// The scrape pipeline's output: what host collectors fill and the encoder writes from.
//
// A collector describes each family once (FamilyDescriptor: static text) and, per
// scrape, only appends values and label values. The sink keeps its storage between
// scrapes (clear() keeps capacity), so a steady-state scrape allocates nothing here:
// samples are (label text span, value) pairs over one label arena.
//
// Families from the public Collector API (textfile, the client registry, pushed groups)
// come in whole (collect_from) and are kept until clear().

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "host_exporter/collector.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter::exposition {

// One family, described once. Its text must outlive every sink it is put in: in
// practice static (constexpr), or owned by a collector for the collector's life.
struct FamilyDescriptor {
  std::string_view name;  // a counter's name includes _total, as in MetricFamily
  std::string_view help;
  MetricType type = MetricType::kGauge;
  std::span<const std::string_view> labels;  // label names, in the order values are given
};

class Sink {
 public:
  // Starts a family; the samples that follow belong to it until the next begin().
  void begin(const FamilyDescriptor& family);
  // A sample of the current family, its label values in the order of the descriptor's names.
  void sample(double value) { push_sample(labels_.size(), value); }
  void sample(std::initializer_list<std::string_view> label_values, double value);
  void sample(std::span<const std::string_view> label_values, double value);
  // A sample whose label text is already rendered and escaped (`a="1",b="2"`).
  void sample_rendered(std::string_view label_text, double value);
  // A family with one unlabelled sample.
  void single(const FamilyDescriptor& family, double value) {
    begin(family);
    sample(value);
  }

  // Runs a public Collector and takes its families as they are.
  void collect_from(Collector& collector);
  // Takes families gathered elsewhere (moved in; kept until clear()).
  void take(std::vector<MetricFamily>& families);

  // Everything added after a mark can be dropped (a collector that failed half-way).
  struct Mark {
    std::size_t entries, samples, labels, adopted;
  };
  Mark mark() const { return {entries_.size(), samples_.size(), labels_.size(), adopted_.size()}; }
  void rollback(const Mark& mark);

  // Empties the sink for the next scrape, keeping its storage.
  void clear();

  // --- reading, for the encoder and for conversion ---
  struct Sample {
    std::uint32_t label_offset;
    std::uint32_t label_size;
    double value;
  };
  struct Entry {
    const FamilyDescriptor* family;  // null for an adopted MetricFamily
    std::size_t adopted;             // index into adopted families, when family is null
    std::uint32_t first_sample;
    std::uint32_t sample_count;
  };
  std::span<const Entry> entries() const { return entries_; }
  std::string_view labels_of(const Sample& sample) const {
    return std::string_view(labels_).substr(sample.label_offset, sample.label_size);
  }
  std::span<const Sample> samples_of(const Entry& entry) const {
    return std::span<const Sample>(samples_).subspan(entry.first_sample, entry.sample_count);
  }
  const MetricFamily& adopted(const Entry& entry) const { return adopted_[entry.adopted]; }
  std::string_view name_of(const Entry& entry) const {
    return entry.family != nullptr ? entry.family->name : std::string_view(adopted_[entry.adopted].name);
  }

  // True when no two families share a name (the usual case, checked without allocating
  // once the sink has served a scrape). A scrape whose names are the last unique scrape's,
  // in the same order, is answered by comparing them with that one's.
  bool names_unique();
  // Everything as MetricFamily values (appended): the public model, for callers that want it.
  void to_families(std::vector<MetricFamily>& out) const;

 private:
  void push_sample(std::size_t label_start, double value);
  void adopt_from(std::size_t first);
  bool names_are_last_unique() const;
  void remember_unique_names();

  std::vector<Entry> entries_;
  std::vector<Sample> samples_;
  std::string labels_;
  std::vector<MetricFamily> adopted_;                               // whole families from the public API, until clear()
  std::vector<std::pair<std::size_t, std::uint32_t>> name_hashes_;  // names_unique's scratch
  std::string last_unique_names_;                                   // the last unique scrape's names, end to end
  std::vector<std::uint32_t> last_unique_sizes_;                     // and their lengths
};

// A source that writes into a sink directly (the host pipeline, the exporter's own
// metrics). The /metrics endpoint calls fill(); anything else gets MetricFamily values.
class SinkSource : public Collector {
 public:
  virtual void fill(Sink& sink) = 0;
  void collect(std::vector<MetricFamily>& out) override {
    Sink sink;
    fill(sink);
    sink.to_families(out);
  }
};

}  // namespace host_exporter::exposition
