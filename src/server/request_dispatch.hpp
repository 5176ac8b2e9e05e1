#pragma once
// What a worker does with one request, without sockets: basic auth, routing (404,
// 405 with Allow), the handler, HEAD without a body, and a 500 for a handler that
// throws. The event loop only copies the request in and the response out.

#include <functional>

#include "server/http_message.hpp"
#include "server/http_stats.hpp"
#include "server/routes.hpp"

namespace host_exporter::server {

Response dispatch(const Routes& routes, const Request& request, const std::function<bool(const Request&)>& authorize,
                  HttpStats& stats);
// The route's handler alone, with the 500 for one that throws (what dispatch does once routed).
Response answer(const Route& route, const Request& request);

// The reason phrase of a status the server sends ("Request Header Fields Too Large").
const char* reason_phrase(int status);

}  // namespace host_exporter::server
