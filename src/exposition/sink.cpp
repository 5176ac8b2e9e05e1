#include "exposition/sink.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <stdexcept>

namespace host_exporter::exposition {

void Sink::begin(const FamilyDescriptor& family) {
  entries_.push_back({&family, 0, static_cast<std::uint32_t>(samples_.size()), 0});
}

void Sink::push_sample(std::size_t label_start, double value) {
  if (entries_.empty() || entries_.back().family == nullptr) throw std::logic_error("Sink: sample before begin()");
  if (labels_.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("Sink: label text too long");
  samples_.push_back(
      {static_cast<std::uint32_t>(label_start), static_cast<std::uint32_t>(labels_.size() - label_start), value});
  ++entries_.back().sample_count;
}

void Sink::sample(std::span<const std::string_view> label_values, double value) {
  if (entries_.empty() || entries_.back().family == nullptr) throw std::logic_error("Sink: sample before begin()");
  const auto& names = entries_.back().family->labels;
  if (names.size() != label_values.size()) {
    throw std::logic_error("Sink: " + std::string(entries_.back().family->name) + " takes " +
                           std::to_string(names.size()) + " label values, not " + std::to_string(label_values.size()));
  }
  const std::size_t start = labels_.size();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) labels_ += ',';
    labels_ += names[i];
    labels_ += "=\"";
    append_escaped_label_value(labels_, label_values[i]);
    labels_ += '"';
  }
  push_sample(start, value);
}

void Sink::sample(std::initializer_list<std::string_view> label_values, double value) {
  sample(std::span<const std::string_view>(label_values.begin(), label_values.size()), value);
}

void Sink::sample_rendered(std::string_view label_text, double value) {
  const std::size_t start = labels_.size();
  labels_ += label_text;
  push_sample(start, value);
}

void Sink::adopt_from(std::size_t first) {
  for (std::size_t i = first; i < adopted_.size(); ++i) {
    entries_.push_back({nullptr, i, static_cast<std::uint32_t>(samples_.size()), 0});
  }
}

void Sink::collect_from(Collector& collector) {
  const std::size_t first = adopted_.size();
  try {
    collector.collect(adopted_);
  } catch (...) {
    adopted_.resize(first);
    throw;
  }
  adopt_from(first);
}

void Sink::take(std::vector<MetricFamily>& families) {
  const std::size_t first = adopted_.size();
  for (auto& family : families) adopted_.push_back(std::move(family));
  families.clear();
  adopt_from(first);
}

void Sink::rollback(const Mark& mark) {
  entries_.resize(mark.entries);
  samples_.resize(mark.samples);
  labels_.resize(mark.labels);
  adopted_.resize(mark.adopted);
}

void Sink::clear() {
  entries_.clear();
  samples_.clear();
  labels_.clear();
  adopted_.clear();
}

bool Sink::names_are_last_unique() const {
  if (entries_.size() != last_unique_sizes_.size()) return false;
  std::string_view rest = last_unique_names_;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const std::string_view name = name_of(entries_[i]);
    if (name.size() != last_unique_sizes_[i] || !rest.starts_with(name)) return false;
    rest.remove_prefix(name.size());
  }
  return true;
}

void Sink::remember_unique_names() {
  last_unique_names_.clear();
  last_unique_sizes_.clear();
  for (const Entry& entry : entries_) {
    const std::string_view name = name_of(entry);
    last_unique_names_ += name;
    last_unique_sizes_.push_back(static_cast<std::uint32_t>(name.size()));
  }
}

bool Sink::names_unique() {
  // Scrape after scrape the same families come in the same order: comparing their names
  // with the last unique scrape's costs a memcmp each, not a hash and a sort.
  if (names_are_last_unique()) return true;
  // Sorted hashes: no allocation once the scratch vector has grown, integer compares
  // instead of long shared "node_" prefixes.
  name_hashes_.clear();
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    name_hashes_.emplace_back(std::hash<std::string_view>{}(name_of(entries_[i])), i);
  }
  std::sort(name_hashes_.begin(), name_hashes_.end());
  for (std::size_t i = 1; i < name_hashes_.size(); ++i) {
    for (std::size_t j = i; j-- > 0 && name_hashes_[j].first == name_hashes_[i].first;) {
      if (name_of(entries_[name_hashes_[i].second]) == name_of(entries_[name_hashes_[j].second])) return false;
    }
  }
  remember_unique_names();
  return true;
}

void Sink::to_families(std::vector<MetricFamily>& out) const {
  for (const Entry& entry : entries_) {
    if (entry.family == nullptr) {
      out.push_back(adopted_[entry.adopted]);
      continue;
    }
    if (entry.sample_count == 0) continue;  // as the encoder: a family with no series is not written
    MetricFamily family{std::string(entry.family->name), std::string(entry.family->help), entry.family->type, {}};
    family.series.reserve(entry.sample_count);
    for (const Sample& sample : samples_of(entry))
      family.series.push_back({std::string(labels_of(sample)), sample.value, {}});
    out.push_back(std::move(family));
  }
}

}  // namespace host_exporter::exposition
