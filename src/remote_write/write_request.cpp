#include "remote_write/write_request.hpp"

#include <snappy.h>

#include <algorithm>
#include <string_view>
#include <variant>

#include "exposition/format.hpp"
#include "remote_write/remote_write.pb.h"

namespace host_exporter::remote_write {

namespace {

// Builds the label set of one series: its own labels, __name__, the external labels it lacks,
// sorted by name as the protocol requires.
class SeriesWriter {
 public:
  SeriesWriter(prometheus::WriteRequest& request, const LabelPairs& external, std::int64_t timestamp_ms)
      : request_(request), external_(external), timestamp_ms_(timestamp_ms) {}

  // False when the series' label text cannot be parsed (it is then left out).
  bool start(const Series& series) {
    auto parsed = parse_label_text(series.labels);
    if (!parsed) return false;
    own_ = std::move(*parsed);
    timestamp_ = series.timestamp_ms.value_or(timestamp_ms_);
    return true;
  }

  void add(const std::string& name, double value, std::string_view extra_label = {}, double extra_value = 0) {
    labels_.assign(own_.begin(), own_.end());
    if (!extra_label.empty()) {
      std::string rendered;
      exposition::append_double(rendered, extra_value);
      labels_.emplace_back(std::string(extra_label), std::move(rendered));
    }
    labels_.emplace_back("__name__", name);
    for (const auto& label : external_) {
      const bool present = std::any_of(labels_.begin(), labels_.end(),
                                       [&](const auto& own) { return own.first == label.first; });
      if (!present) labels_.push_back(label);
    }
    std::sort(labels_.begin(), labels_.end());
    prometheus::TimeSeries* series = request_.add_timeseries();
    for (auto& [label_name, label_value] : labels_) {
      prometheus::Label* label = series->add_labels();
      label->set_name(std::move(label_name));
      label->set_value(std::move(label_value));
    }
    prometheus::Sample* sample = series->add_samples();
    sample->set_value(value);
    sample->set_timestamp(timestamp_);
    ++samples_;
  }

  std::uint32_t samples() const { return samples_; }

 private:
  prometheus::WriteRequest& request_;
  const LabelPairs& external_;
  std::int64_t timestamp_ms_;
  std::int64_t timestamp_ = 0;
  LabelPairs own_, labels_;
  std::uint32_t samples_ = 0;
};

void add_family(SeriesWriter& writer, const MetricFamily& family) {
  for (const Series& series : family.series) {
    if (!writer.start(series)) continue;
    if (const auto* scalar = std::get_if<double>(&series.value)) {
      writer.add(family.name, *scalar);
    } else if (const auto* histogram = std::get_if<HistogramValue>(&series.value)) {
      for (const auto& [bound, count] : histogram->buckets) writer.add(family.name + "_bucket", count, "le", bound);
      writer.add(family.name + "_sum", histogram->sum);
      writer.add(family.name + "_count", histogram->count);
    } else if (const auto* summary = std::get_if<SummaryValue>(&series.value)) {
      for (const auto& [quantile, value] : summary->quantiles) writer.add(family.name, value, "quantile", quantile);
      writer.add(family.name + "_sum", summary->sum);
      writer.add(family.name + "_count", summary->count);
    }
  }
}

}  // namespace

std::string serialize_write_request(const std::vector<MetricFamily>& families, const BatchSettings& settings,
                                    std::int64_t timestamp_ms, std::uint32_t& samples) {
  prometheus::WriteRequest request;
  SeriesWriter writer(request, settings.external_labels, timestamp_ms);
  for (const MetricFamily& family : families) {
    if (settings.selection != nullptr && !settings.selection->selects(family.name)) continue;
    add_family(writer, family);
  }
  samples = writer.samples();
  return request.SerializeAsString();
}

std::string snappy_compress(const std::string& raw) {
  std::string compressed;
  snappy::Compress(raw.data(), raw.size(), &compressed);
  return compressed;
}

EncodedBatch encode_batch(const std::vector<MetricFamily>& families, const BatchSettings& settings,
                          std::int64_t timestamp_ms) {
  EncodedBatch batch;
  batch.body = snappy_compress(serialize_write_request(families, settings, timestamp_ms, batch.samples));
  return batch;
}

}  // namespace host_exporter::remote_write
