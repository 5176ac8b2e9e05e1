#pragma once
// The answer of a /metrics route, shared by the exporter (exporter_routes) and the in-process
// exposer: the endpoint's families in the format and the encoding the request negotiated.

#include "server/http_message.hpp"
#include "server/metrics_endpoint.hpp"

namespace host_exporter::server {

void answer_metrics(const MetricsEndpoint& endpoint, const Request& request, Response& response);

}  // namespace host_exporter::server
