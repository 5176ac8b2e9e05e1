#include "server/routes.hpp"

#include <algorithm>

#include "server/hidden_headers.hpp"

namespace host_exporter::server {

std::string_view to_string(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kDelete: return "DELETE";
  }
  return "GET";
}

std::string exact_path_pattern(std::string_view path) {
  static constexpr std::string_view kSpecial = R"(\^$.|?*+()[]{})";
  std::string pattern;
  pattern.reserve(path.size() * 2);
  for (const char c : path) {
    if (kSpecial.find(c) != std::string_view::npos) pattern += '\\';
    pattern += c;
  }
  return pattern;
}

void Routes::add_exact(Method method, std::string_view path, Handler handler) {
  add_pattern(method, exact_path_pattern(path), std::move(handler));
}

void Routes::add_pattern(Method method, std::string pattern, Handler handler) {
  std::regex check(pattern);  // throws std::regex_error now rather than at start
  (void)check;
  routes_.push_back({method, std::move(pattern), std::move(handler)});
}

std::string Routes::allowed_methods(const std::string& pattern) const {
  static constexpr Method kOrder[] = {Method::kGet, Method::kPost, Method::kPut, Method::kDelete};
  std::string allow;
  for (const Method method : kOrder) {
    const bool present = std::any_of(routes_.begin(), routes_.end(), [&](const Route& route) {
      return route.method == method && route.pattern == pattern;
    });
    if (!present) continue;
    if (!allow.empty()) allow += ", ";
    allow += to_string(method);
    if (method == Method::kGet) allow += ", HEAD";
  }
  return allow;
}

std::string client_accept_encoding(const httplib::Request& req) {
  return req.get_header_value(std::string(kHiddenAcceptEncoding));
}

void respond(httplib::Response& res, int status, std::string body, std::string_view content_type) {
  res.status = status;
  res.body = std::move(body);
  res.set_header("Content-Type", std::string(content_type));
}

}  // namespace host_exporter::server
