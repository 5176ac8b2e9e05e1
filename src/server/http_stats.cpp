#include "server/http_stats.hpp"

namespace host_exporter::server {

std::string_view to_string(Refusal reason) {
  switch (reason) {
    case Refusal::kMaxConnections: return "max_connections";
    case Refusal::kHeadTooLarge: return "header_too_large";
    case Refusal::kHeadTimeout: return "header_timeout";
    case Refusal::kBodyTooLarge: return "body_too_large";
    case Refusal::kQueueFull: return "queue_full";
    case Refusal::kTooManyStreams: return "too_many_streams";
    case Refusal::kUnauthorized: return "unauthorized";
    case Refusal::kCount: break;
  }
  return "unknown";
}

namespace {

Series unlabelled(double value) { return {"", value, std::nullopt}; }

}  // namespace

void HttpStats::collect(std::vector<MetricFamily>& out) {
  MetricFamily refused{"host_exporter_http_requests_refused_total",
                       "Requests and connections the HTTP server refused, by reason.", MetricType::kCounter, {}};
  for (std::size_t i = 0; i < refused_.size(); ++i) {
    refused.series.push_back({render_labels({{"reason", to_string(static_cast<Refusal>(i))}}),
                              static_cast<double>(refused_[i].load(std::memory_order_relaxed)), std::nullopt});
  }
  out.push_back(std::move(refused));
  MetricFamily handled{"host_exporter_http_requests_handled_total",
                       "Requests whose handler ran, by thread: the event loop (bounded work) or a worker.",
                       MetricType::kCounter, {}};
  for (const auto& [where, name] : {std::pair{HandledOn::kLoop, "loop"}, std::pair{HandledOn::kWorker, "worker"}}) {
    handled.series.push_back({render_labels({{"on", name}}),
                              static_cast<double>(handled_[static_cast<std::size_t>(where)].load(std::memory_order_relaxed)),
                              std::nullopt});
  }
  out.push_back(std::move(handled));
  out.push_back({"host_exporter_http_connections_shed_total",
                 "Idle or slow connections closed to make room for a new one at --web.max-connections.",
                 MetricType::kCounter,
                 {unlabelled(static_cast<double>(shed_.load(std::memory_order_relaxed)))}});
  out.push_back({"host_exporter_http_connections_accepted_total", "Connections accepted by the HTTP server.",
                 MetricType::kCounter,
                 {unlabelled(static_cast<double>(accepted_.load(std::memory_order_relaxed)))}});
  out.push_back({"host_exporter_http_connections_open", "Connections the HTTP server holds open.", MetricType::kGauge,
                 {unlabelled(static_cast<double>(open_.load(std::memory_order_relaxed)))}});
}

}  // namespace host_exporter::server
