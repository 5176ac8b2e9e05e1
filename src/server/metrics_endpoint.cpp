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

bool MetricsEndpoint::reads_cannot_hang() const {
  for (const auto& source : sources_) {
    if (!source->reads_cannot_hang()) return false;
  }
  return true;
}

void MetricsEndpoint::gather(exposition::Sink& sink) const {
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    const auto mark = sink.mark();
    try {
      if (sinks_[i] != nullptr) {
        sinks_[i]->fill(sink);
      } else {
        sink.collect_from(*sources_[i]);
      }
    } catch (const std::exception& e) {
      sink.rollback(mark);  // a source that fails whole is left out
      log::error("metrics source failed", {{"err", e.what()}});
    }
  }
}

RenderedMetrics MetricsEndpoint::render(std::string_view accept, std::string_view accept_encoding) const {
  RenderedMetrics rendered;
  rendered.format = exposition::negotiate_format(accept);
  rendered.body.reserve(pool_->last_body_size.load(std::memory_order_relaxed) + 4096);
  auto sink = pool_->sinks.take([] { return std::make_unique<exposition::Sink>(); });
  gather(*sink);
  if (sink->names_unique()) {
    exposition::encode(*sink, rendered.format, rendered.body);
  } else {
    // Host, textfile and pushed families share a name: merged as MetricFamily values
    // (one family per name, first source wins), which only such a scrape pays for.
    std::vector<MetricFamily> families;
    sink->to_families(families);
    ingest::make_family_names_unique(families);
    exposition::encode(families, rendered.format, rendered.body);
  }
  sink->clear();
  pool_->sinks.give_back(std::move(sink));
  pool_->last_body_size.store(rendered.body.size(), std::memory_order_relaxed);
  if (exposition::accepts_gzip(accept_encoding)) {
    rendered.body = exposition::gzip_compress(rendered.body);
    rendered.gzip = true;
  }
  return rendered;
}

}  // namespace host_exporter::server
