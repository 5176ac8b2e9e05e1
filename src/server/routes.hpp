#pragma once
// The routes one HttpServer serves on every listen address. Each part of the
// exporter registers its own (the exporter's pages, the push API) before the
// server starts; a path that matches with the wrong method gets 405 with an
// Allow header, an unknown path 404.

#include <functional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_message.hpp"

namespace host_exporter::server {

enum class Method { kGet, kPost, kPut, kDelete };  // a GET route also answers HEAD

std::string_view to_string(Method method);

using Handler = std::function<void(const Request&, Response&)>;
// Asked on the event loop before each request: true when the handler may run right there
// (bounded work that cannot block), false to hand it to a worker. Must not block.
using InlineWhen = std::function<bool()>;

// For handlers that answer from memory in constant time (health, a fixed page).
inline bool always_inline() { return true; }

struct Route {
  Method method;
  std::string path;     // a literal path, or
  std::regex pattern;   // an ECMAScript regex over the whole path
  bool exact = true;
  Handler handler;
  InlineWhen inline_when;  // empty: always on a worker
};

// What a request's method and path lead to.
struct RouteMatch {
  const Route* route = nullptr;  // null: 404 when `allow` is empty, else 405
  std::string allow;             // the Allow header value for a 405
};

class Routes {
 public:
  // A literal path, e.g. the telemetry path.
  void add_exact(Method method, std::string_view path, Handler handler, InlineWhen inline_when = {});
  // A regex over the whole path, for routes with parameters (/metrics/job/...).
  void add_pattern(Method method, std::string_view pattern, Handler handler);

  RouteMatch match(std::string_view method, const std::string& path) const;
  // The literal route that takes this method and path, or null: no regex runs (the event loop asks it).
  const Route* match_exact(std::string_view method, const std::string& path) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace host_exporter::server
