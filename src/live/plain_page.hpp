#pragma once
// The live page without JavaScript or charts, rendered by the server from one snapshot: what a build
// without Node.js serves at /, with the same numbers as the full page (and /metrics). It reloads
// itself every sampler window.

#include <string>
#include <vector>

#include "host_exporter/metric_family.hpp"
#include "live/snapshot_json.hpp"

namespace host_exporter::live {

std::string render_plain_page(const std::vector<MetricFamily>& families, const LiveContext& context, double now);

}  // namespace host_exporter::live
