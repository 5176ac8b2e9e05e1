// Counts with the core library and prints the OpenMetrics text: argv[1] is the format
// ("text" or "openmetrics").
#include <iostream>
#include <memory>
#include <string_view>
#include <vector>

#include "host_exporter/exposition.hpp"
#include "host_exporter/registry.hpp"

namespace {

// An application's own collector: a value read when the metrics are gathered.
class QueueDepth final : public host_exporter::Collector {
 public:
  void collect(std::vector<host_exporter::MetricFamily>& out) override {
    host_exporter::Series series;
    series.labels = host_exporter::render_labels({{"queue", "mail"}});
    series.value = 4.0;
    out.push_back({"consumer_queue_depth", "Items waiting.", host_exporter::MetricType::kGauge, {series}});
  }
};

}  // namespace

int main(int argc, char** argv) {
  const std::string_view format = argc > 1 ? argv[1] : "text";
  host_exporter::Registry registry;
  registry.counter("consumer_jobs_total", "Jobs done.", {"kind"}).labels({"core"}).inc(3);
  registry.add_collector(std::make_shared<QueueDepth>());
  std::cout << host_exporter::encode(registry, format == "openmetrics"
                                                   ? host_exporter::ExpositionFormat::kOpenMetrics100
                                                   : host_exporter::ExpositionFormat::kText004);
  return 0;
}
