#pragma once
// What /metrics serves, without HTTP: gathers the families of every source,
// encodes them in the negotiated format and gzips the body when the client
// accepts it. The HTTP route only copies the result into the response.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exposition/format.hpp"
#include "host_exporter/collector.hpp"

namespace host_exporter::server {

struct RenderedMetrics {
  exposition::Format format = exposition::Format::kText004;
  bool gzip = false;  // body is gzip-compressed: send Content-Encoding: gzip
  std::string body;
};

class MetricsEndpoint {
 public:
  // Sources are gathered in the order added. Add them all before serving.
  void add_source(std::shared_ptr<Collector> source) { sources_.push_back(std::move(source)); }

  // Collects every source into `out` (appended).
  void gather(std::vector<MetricFamily>& out) const;

  RenderedMetrics render(std::string_view accept, std::string_view accept_encoding) const;

  const std::vector<std::shared_ptr<Collector>>& sources() const { return sources_; }

 private:
  std::vector<std::shared_ptr<Collector>> sources_;
};

}  // namespace host_exporter::server
