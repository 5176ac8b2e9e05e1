#pragma once
// What /metrics serves, without HTTP: gathers the families of every source,
// encodes them in the negotiated format and gzips the body when the client
// accepts it. The HTTP route only copies the result into the response.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "exposition/format.hpp"
#include "exposition/sink.hpp"
#include "exposition/spare_pool.hpp"
#include "host_exporter/collector.hpp"

namespace host_exporter::server {

struct RenderedMetrics {
  exposition::Format format = exposition::Format::kText004;
  bool gzip = false;  // body is gzip-compressed: send Content-Encoding: gzip
  std::string body;
};

class MetricsEndpoint {
 public:
  // Sources are gathered in the order added. Add them all before serving. A source that
  // is an exposition::SinkSource writes into the scrape's sink directly.
  void add_source(std::shared_ptr<Collector> source) {
    sinks_.push_back(dynamic_cast<exposition::SinkSource*>(source.get()));
    sources_.push_back(std::move(source));
  }

  // Collects every source into `out` (appended).
  void gather(std::vector<MetricFamily>& out) const;
  // The same into a sink (appended); its families' names may repeat (Sink::names_unique).
  void gather(exposition::Sink& sink) const;

  RenderedMetrics render(std::string_view accept, std::string_view accept_encoding) const;

  // True while every source says its reads cannot hang (Collector::reads_cannot_hang): a
  // scrape is then bounded work the server may run on its event loop.
  bool reads_cannot_hang() const;

  const std::vector<std::shared_ptr<Collector>>& sources() const { return sources_; }

 private:
  // Sinks reused from scrape to scrape (one per concurrent scrape), and the last body's size.
  struct SinkPool {
    exposition::SparePool<exposition::Sink> sinks;
    std::atomic<std::size_t> last_body_size{0};
  };

  std::vector<std::shared_ptr<Collector>> sources_;
  std::vector<exposition::SinkSource*> sinks_;  // per source; null: not a sink source
  std::shared_ptr<SinkPool> pool_ = std::make_shared<SinkPool>();  // shared: the endpoint stays copyable
};

}  // namespace host_exporter::server
