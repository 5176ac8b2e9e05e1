#include "server/metrics_endpoint.hpp"

#include <exception>

#include "exposition/gzip.hpp"
#include "ingest/family_merger.hpp"
#include "log/log.hpp"

namespace host_exporter::server {

void MetricsEndpoint::gather(std::vector<MetricFamily>& out) const {
  for (const auto& source : sources_) {
    const std::size_t before = out.size();
    try {
      source->collect(out);
    } catch (const std::exception& e) {
      // A source that fails whole is left out; the scrape serves everything else.
      out.resize(before);
      log::error("metrics source failed", {{"err", e.what()}});
    }
  }
  // Host, textfile and pushed families may share names: one family per name, first source wins.
  ingest::make_family_names_unique(out);
}

RenderedMetrics MetricsEndpoint::render(std::string_view accept, std::string_view accept_encoding) const {
  std::vector<MetricFamily> families;
  gather(families);

  RenderedMetrics rendered;
  rendered.format = exposition::negotiate_format(accept);
  exposition::encode(families, rendered.format, rendered.body);
  if (exposition::accepts_gzip(accept_encoding)) {
    rendered.body = exposition::gzip_compress(rendered.body);
    rendered.gzip = true;
  }
  return rendered;
}

}  // namespace host_exporter::server
