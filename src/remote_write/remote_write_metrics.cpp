#include "remote_write/remote_write_metrics.hpp"

#include <limits>

namespace host_exporter::remote_write {

namespace {

constexpr const char* kPrefix = "host_exporter_remote_write_";

MetricFamily family(const char* name, const char* help, MetricType type) {
  return MetricFamily{std::string(kPrefix) + name, help, type, {}};
}

double as_double(std::uint64_t value) { return static_cast<double>(value); }

}  // namespace

void RemoteWriteMetrics::collect(std::vector<MetricFamily>& out) {
  auto samples_in = family("samples_in_total", "Samples gathered and written to the queue.", MetricType::kCounter);
  auto sent = family("samples_total", "Samples the receiver acknowledged with a 2xx.", MetricType::kCounter);
  auto bytes = family("bytes_total", "Request bodies acknowledged, compressed, as on the wire.", MetricType::kCounter);
  auto failed = family("samples_failed_total", "Samples in batches the receiver refused for good (4xx other than 429).",
                       MetricType::kCounter);
  auto retried = family("samples_retried_total", "Samples in attempts that failed and were tried again.",
                        MetricType::kCounter);
  auto dropped = family("samples_dropped_total", "Samples dropped before they were sent.", MetricType::kCounter);
  auto corrupt = family("corrupt_batches_total", "Queue files cut short or corrupt, removed unsent.",
                        MetricType::kCounter);
  auto queue_bytes = family("queue_bytes", "Bytes in the on-disk queue.", MetricType::kGauge);
  auto queue_batches = family("queue_batches", "Batches in the on-disk queue, waiting or in flight.", MetricType::kGauge);
  auto last_send = family("last_send_timestamp_seconds", "When the receiver last acknowledged a batch (0: never).",
                          MetricType::kGauge);
  auto duration = family("send_duration_seconds", "Time from sending a batch to the receiver's answer.",
                         MetricType::kHistogram);

  for (const auto& destination : destinations_) {
    const std::string labels = render_labels({{"url", destination->url}});
    const DestinationStats& stats = destination->stats;
    const QueueDrops& drops = destination->queue->drops();
    const auto add = [&labels](MetricFamily& to, double value) { to.series.push_back({labels, value, {}}); };
    add(samples_in, as_double(stats.samples_in.load()));
    add(sent, as_double(stats.samples_sent.load()));
    add(bytes, as_double(stats.bytes_sent.load()));
    add(failed, as_double(stats.samples_failed.load()));
    add(retried, as_double(stats.samples_retried.load()));
    dropped.series.push_back({render_labels({{"reason", "queue_full"}, {"url", destination->url}}),
                              as_double(drops.queue_full_samples.load()), {}});
    dropped.series.push_back({render_labels({{"reason", "write_failed"}, {"url", destination->url}}),
                              as_double(drops.write_failed_samples.load()), {}});
    add(corrupt, as_double(drops.corrupt_batches.load()));
    add(queue_bytes, as_double(destination->queue->bytes()));
    add(queue_batches, as_double(destination->queue->batches()));
    add(last_send, static_cast<double>(stats.last_send_ms.load()) / 1000.0);

    const SendDurations durations = stats.durations();
    HistogramValue histogram;
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kSendDurationBounds.size(); ++i) {
      cumulative += durations.bucket_counts[i];
      histogram.buckets.emplace_back(kSendDurationBounds[i], as_double(cumulative));
    }
    histogram.buckets.emplace_back(std::numeric_limits<double>::infinity(), as_double(durations.count));
    histogram.sum = durations.sum;
    histogram.count = as_double(durations.count);
    duration.series.push_back({labels, std::move(histogram), {}});
  }
  for (auto* f : {&samples_in, &sent, &bytes, &failed, &retried, &dropped, &corrupt, &queue_bytes, &queue_batches,
                  &last_send, &duration}) {
    out.push_back(std::move(*f));
  }
}

}  // namespace host_exporter::remote_write
