#pragma once
// The live page's routes (docs/live.md): / (the page), /api/v1/snapshot, /api/v1/history and
// /api/v1/events (server-sent events, one snapshot per sampler window). The exporter's link list
// moves to /links. Auth and TLS apply as to every route (the server's dispatch).

#include <memory>

#include "live/history.hpp"
#include "live/snapshot_json.hpp"
#include "server/metrics_endpoint.hpp"
#include "server/routes.hpp"

namespace host_exporter::live {

struct LivePage {
  std::shared_ptr<SnapshotJson> snapshot;
  std::shared_ptr<LiveSampler> sampler;  // add it to the Sampler after every collector
};

// Builds the live page over what `endpoint` serves; the history reads the host collectors of the
// endpoint's HostScrape (the rest of the scrape only while a page listens).
LivePage make_live_page(std::shared_ptr<const server::MetricsEndpoint> endpoint, LiveContext context,
                        std::chrono::milliseconds interval);

void add_live_routes(server::Routes& routes, std::shared_ptr<const server::MetricsEndpoint> endpoint,
                     const LivePage& live);

}  // namespace host_exporter::live
