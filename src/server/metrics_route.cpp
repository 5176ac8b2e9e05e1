#include "server/metrics_route.hpp"

#include <utility>

namespace host_exporter::server {

void answer_metrics(const MetricsEndpoint& endpoint, const Request& request, Response& response) {
  auto rendered = endpoint.render(request.headers.get("Accept"), request.headers.get("Accept-Encoding"));
  respond(response, 200, std::move(rendered.body), exposition::content_type(rendered.format));
  if (rendered.gzip) response.headers.set("Content-Encoding", "gzip");
}

}  // namespace host_exporter::server
