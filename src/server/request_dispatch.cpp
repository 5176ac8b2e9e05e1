#include "server/request_dispatch.hpp"

#include <exception>

#include "log/log.hpp"

namespace host_exporter::server {

Response dispatch(const Routes& routes, const Request& request, const std::function<bool(const Request&)>& authorize,
                  HttpStats& stats) {
  Response response;
  if (authorize && !authorize(request)) {
    stats.refused(Refusal::kUnauthorized);
    respond(response, 401, "Unauthorized\n");
    response.headers.set("WWW-Authenticate", "Basic realm=\"host_exporter\"");
    return response;
  }
  const RouteMatch match = routes.match(request.method, request.path);
  if (match.route != nullptr) return answer(*match.route, request);
  if (match.allow.empty()) {
    respond(response, 404, "404 page not found\n");
  } else {
    respond(response, 405, "Method Not Allowed\n");
    response.headers.set("Allow", match.allow);
  }
  return response;
}

Response answer(const Route& route, const Request& request) {
  Response response;
  try {
    route.handler(request, response);
  } catch (const std::exception& e) {
    log::error("request failed", {{"path", request.path}, {"err", e.what()}});
    response = Response{};
    respond(response, 500, "Internal Server Error\n");
  }
  return response;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return status < 400 ? "OK" : "Error";
  }
}

}  // namespace host_exporter::server
