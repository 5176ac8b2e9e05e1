#include "server/exporter_routes.hpp"

#include <mutex>

#include "log/log.hpp"
#include "server/landing_page.hpp"
#include "server/metrics_route.hpp"

namespace host_exporter::server {

void add_exporter_routes(Routes& routes, std::shared_ptr<const MetricsEndpoint> endpoint,
                         const ExporterRoutesConfig& config) {
  auto limiter = std::make_shared<ConcurrencyLimiter>(config.max_requests);
  auto first_scrape = std::make_shared<std::once_flag>();
  routes.add_exact(Method::kGet, config.telemetry_path,
                   [endpoint, limiter, first_scrape, after_first = config.after_first_scrape](const Request& req,
                                                                                               Response& res) {
                     const auto permit = limiter->try_acquire();
                     if (!permit) {
                       log::warn("scrape refused: too many concurrent scrapes",
                                 {{"limit", std::to_string(limiter->limit())}});
                       respond(res, 503,
                               "Too many concurrent scrapes: the limit is " + std::to_string(limiter->limit()) +
                                   " (--web.max-requests).\n");
                       return;
                     }
                     answer_metrics(*endpoint, req, res);
                     if (after_first) std::call_once(*first_scrape, after_first);
                   },
                   // On the loop while no source can block (no network mount, textfile directories local).
                   [endpoint] { return endpoint->reads_cannot_hang(); });

  const std::string page = render_landing_page(config.telemetry_path, config.version);
  // / is the live page (src/live); the list of endpoints stays reachable here.
  routes.add_exact(Method::kGet, "/links", [page](const Request&, Response& res) {
    respond(res, 200, page, "text/html; charset=utf-8");
  }, always_inline);
  routes.add_exact(Method::kGet, "/-/healthy", [](const Request&, Response& res) {
    respond(res, 200, "host_exporter is Healthy.\n");
  }, always_inline);
  routes.add_exact(Method::kGet, "/-/ready", [](const Request&, Response& res) {
    respond(res, 200, "host_exporter is Ready.\n");
  }, always_inline);
}

}  // namespace host_exporter::server
