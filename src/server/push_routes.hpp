#pragma once
// The push API over HTTP, Pushgateway-compatible, on the exporter's listener:
//   PUT    /metrics/job/<job>{/<label>/<value>}  replace the group        200
//   POST   /metrics/job/<job>{/<label>/<value>}  replace the named families 200
//   DELETE /metrics/job/<job>{/<label>/<value>}  remove the group         202
//   GET    /api/v1/metrics                       every group as JSON      200
// `job@base64` and `<label>@base64` take base64url values. A refused push gets
// a one-line reason: 400 (invalid, or too many series in the group), 413 (body
// over --push.max-bytes), 415 (protobuf body or an unknown Content-Encoding), 429
// (--push.max-groups reached), 503 (write-through persistence failed; retry). A gzip
// body is inflated piece by piece, capped at --push.max-bytes.
// The rules themselves live in ingest::PushStore; this file only maps HTTP.

#include <cstddef>
#include <memory>

#include "ingest/push_store.hpp"
#include "server/routes.hpp"

namespace host_exporter::server {

// max_body_bytes: the cap on a gzip body once inflated (--push.max-bytes).
void add_push_routes(Routes& routes, std::shared_ptr<ingest::PushStore> store, std::size_t max_body_bytes);

}  // namespace host_exporter::server
