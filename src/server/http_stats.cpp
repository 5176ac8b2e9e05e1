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

constexpr std::string_view kReason[] = {"reason"};
constexpr std::string_view kOn[] = {"on"};
constexpr exposition::FamilyDescriptor kRefused{"host_exporter_http_requests_refused_total",
                                                "Requests and connections the HTTP server refused, by reason.",
                                                MetricType::kCounter, kReason};
constexpr exposition::FamilyDescriptor kHandled{
    "host_exporter_http_requests_handled_total",
    "Requests whose handler ran, by thread: the event loop (bounded work) or a worker.", MetricType::kCounter, kOn};
constexpr exposition::FamilyDescriptor kShed{
    "host_exporter_http_connections_shed_total",
    "Idle or slow connections closed to make room for a new one at --web.max-connections.", MetricType::kCounter, {}};
constexpr exposition::FamilyDescriptor kAccepted{"host_exporter_http_connections_accepted_total",
                                                 "Connections accepted by the HTTP server.", MetricType::kCounter, {}};
constexpr exposition::FamilyDescriptor kOpen{"host_exporter_http_connections_open",
                                             "Connections the HTTP server holds open.", MetricType::kGauge, {}};

template <typename Counter>
double value_of(const Counter& counter) {
  return static_cast<double>(counter.load(std::memory_order_relaxed));
}

}  // namespace

void HttpStats::fill(exposition::Sink& sink) {
  sink.begin(kRefused);
  for (std::size_t i = 0; i < refused_.size(); ++i) {
    sink.sample({to_string(static_cast<Refusal>(i))}, value_of(refused_[i]));
  }
  sink.begin(kHandled);
  sink.sample({"loop"}, value_of(handled_[static_cast<std::size_t>(HandledOn::kLoop)]));
  sink.sample({"worker"}, value_of(handled_[static_cast<std::size_t>(HandledOn::kWorker)]));
  sink.single(kShed, value_of(shed_));
  sink.single(kAccepted, value_of(accepted_));
  sink.single(kOpen, value_of(open_));
}

}  // namespace host_exporter::server
