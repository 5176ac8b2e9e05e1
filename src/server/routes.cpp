#include "server/routes.hpp"

namespace host_exporter::server {

namespace {

bool takes(Method method, std::string_view request_method) {
  if (method == Method::kGet && request_method == "HEAD") return true;
  return to_string(method) == request_method;
}

bool path_matches(const Route& route, const std::string& path) {
  return route.exact ? route.path == path : std::regex_match(path, route.pattern);
}

// "GET, HEAD, POST": the methods a path takes, in a fixed order.
std::string allow_header(unsigned methods) {
  static constexpr Method kOrder[] = {Method::kGet, Method::kPost, Method::kPut, Method::kDelete};
  std::string allow;
  for (const Method method : kOrder) {
    if ((methods & (1u << static_cast<unsigned>(method))) == 0) continue;
    if (!allow.empty()) allow += ", ";
    allow += to_string(method);
    if (method == Method::kGet) allow += ", HEAD";
  }
  return allow;
}

}  // namespace

std::string_view to_string(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kDelete: return "DELETE";
  }
  return "GET";
}

void Routes::add_exact(Method method, std::string_view path, Handler handler, InlineWhen inline_when) {
  routes_.push_back({method, std::string(path), {}, true, std::move(handler), std::move(inline_when)});
}

void Routes::add_pattern(Method method, std::string_view pattern, Handler handler) {
  // Compiled now: a bad pattern throws std::regex_error at start-up, not per request.
  routes_.push_back(
      {method, std::string(pattern), std::regex(pattern.begin(), pattern.end()), false, std::move(handler), {}});
}

const Route* Routes::match_exact(std::string_view method, const std::string& path) const {
  for (const Route& route : routes_) {
    if (route.exact && route.path == path && takes(route.method, method)) return &route;
  }
  return nullptr;
}

RouteMatch Routes::match(std::string_view method, const std::string& path) const {
  RouteMatch found;
  unsigned allowed = 0;
  // Literal paths first: the telemetry path never pays for a regex.
  for (const bool exact : {true, false}) {
    for (const Route& route : routes_) {
      if (route.exact != exact || !path_matches(route, path)) continue;
      if (takes(route.method, method)) {
        found.route = &route;
        return found;
      }
      allowed |= 1u << static_cast<unsigned>(route.method);
    }
  }
  found.allow = allow_header(allowed);
  return found;
}

}  // namespace host_exporter::server
