#pragma once
// The routes one HttpServer serves on every listen address. Each part of the
// exporter registers its own (the exporter's pages, later the push API) before
// the server starts; a path that matches with the wrong method gets 405 with an
// Allow header, an unknown path 404.

#include <functional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

namespace host_exporter::server {

enum class Method { kGet, kPost, kPut, kDelete };  // a GET route also answers HEAD

std::string_view to_string(Method method);

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

struct Route {
  Method method;
  std::string pattern;  // an ECMAScript regex over the whole path (httplib's router)
  Handler handler;
};

class Routes {
 public:
  // A literal path, e.g. the telemetry path.
  void add_exact(Method method, std::string_view path, Handler handler);
  // A regex over the whole path, for routes with parameters (/metrics/job/...).
  void add_pattern(Method method, std::string pattern, Handler handler);

  const std::vector<Route>& all() const { return routes_; }

  // The methods registered for a pattern, as an Allow header value ("GET, HEAD").
  std::string allowed_methods(const std::string& pattern) const;

 private:
  std::vector<Route> routes_;
};

// Escapes regex metacharacters so that `path` matches only itself.
std::string exact_path_pattern(std::string_view path);

// The client's Accept-Encoding. HttpServer moves that header out of httplib's
// sight before routing (httplib would otherwise brotli- or gzip-compress every
// text/* body on its own), so handlers read it here.
std::string client_accept_encoding(const httplib::Request& req);

// Sets status, Content-Type and body. The body is never compressed by httplib:
// HttpServer hides Accept-Encoding from it, and only /metrics compresses (gzip).
void respond(httplib::Response& res, int status, std::string body,
             std::string_view content_type = "text/plain; charset=utf-8");

}  // namespace host_exporter::server
