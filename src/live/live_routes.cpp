#include "live/live_routes.hpp"

#include <algorithm>

#include "collectors/function_collector.hpp"
#include "collectors/host_scrape.hpp"
#include "live/live_page.hpp"
#include "live/plain_page.hpp"
#include "server/event_feed.hpp"

namespace host_exporter::live {

namespace {

constexpr std::string_view kJson = "application/json";

// The host collectors the history needs, out of the endpoint's HostScrape (none when it has none).
std::shared_ptr<Collector> history_collectors(const server::MetricsEndpoint& endpoint) {
  std::vector<collectors::HostScrape::Named> chosen;
  for (const auto& source : endpoint.sources()) {
    const auto* scrape = dynamic_cast<const collectors::HostScrape*>(source.get());
    if (scrape == nullptr) continue;
    for (const auto& named : scrape->collectors()) {
      if (std::find(std::begin(kHistoryCollectors), std::end(kHistoryCollectors), named.name) !=
          std::end(kHistoryCollectors)) {
        chosen.push_back(named);
      }
    }
  }
  return std::make_shared<collectors::HostScrape>(std::move(chosen));
}

std::vector<MetricFamily> gather(const server::MetricsEndpoint& endpoint) {
  std::vector<MetricFamily> families;
  endpoint.gather(families);
  return families;
}

}  // namespace

LivePage make_live_page(std::shared_ptr<const server::MetricsEndpoint> endpoint, LiveContext context,
                        std::chrono::milliseconds interval) {
  LivePage live;
  live.snapshot = std::make_shared<SnapshotJson>(std::move(context));
  auto everything = std::make_shared<collectors::FunctionCollector>(
      [endpoint](std::vector<MetricFamily>& out) { endpoint->gather(out); });
  live.sampler = std::make_shared<LiveSampler>(history_collectors(*endpoint), std::move(everything), live.snapshot,
                                               interval);
  return live;
}

void add_live_routes(server::Routes& routes, std::shared_ptr<const server::MetricsEndpoint> endpoint,
                     const LivePage& live) {
  routes.add_exact(server::Method::kGet, "/", [endpoint, live](const server::Request&, server::Response& res) {
    const std::string_view built = built_live_page();
    if (!built.empty()) {
      respond(res, 200, std::string(built), "text/html; charset=utf-8");
    } else {
      respond(res, 200, render_plain_page(gather(*endpoint), live.snapshot->context(), unix_seconds_now()),
              "text/html; charset=utf-8");
    }
    // The page makes no request off this host; say so to the browser as well.
    res.headers.set("Content-Security-Policy",
                    "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:");
    res.headers.set("Cache-Control", "no-cache");
  });
  routes.add_exact(server::Method::kGet, "/api/v1/snapshot",
                   [endpoint, live](const server::Request&, server::Response& res) {
                     respond(res, 200, live.snapshot->build(gather(*endpoint), unix_seconds_now()), kJson);
                     res.headers.set("Cache-Control", "no-cache");
                   });
  routes.add_exact(server::Method::kGet, "/api/v1/history", [live](const server::Request&, server::Response& res) {
    respond(res, 200, live.sampler->history().json(live.snapshot->context().interval_seconds), kJson);
    res.headers.set("Cache-Control", "no-cache");
  });
  routes.add_exact(server::Method::kGet, "/api/v1/events",
                   [endpoint, live](const server::Request&, server::Response& res) {
                     // The stream opens with a snapshot, so the page has numbers before the next window.
                     std::string first = "retry: 2000\n\n";
                     first += server::sse_event("snapshot", live.snapshot->build(gather(*endpoint), unix_seconds_now()));
                     respond(res, 200, std::move(first), "text/event-stream");
                     res.stream = live.sampler->feed();
                   });
}

}  // namespace host_exporter::live
