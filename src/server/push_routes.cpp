#include "server/push_routes.hpp"

#include <string>
#include <variant>

#include "log/log.hpp"

namespace host_exporter::server {

namespace {

constexpr const char* kPushPattern = "/metrics/job(@base64)?/.*";

int status_for(ingest::PushStatus status) {
  switch (status) {
    case ingest::PushStatus::kStored: return 200;
    case ingest::PushStatus::kInvalid: return 400;
    case ingest::PushStatus::kBodyTooLarge: return 413;
    case ingest::PushStatus::kTooManySeries: return 400;
    case ingest::PushStatus::kTooManyGroups: return 429;
  }
  return 400;
}

// Pushgateway also takes delimited protobuf; we take the text format only.
bool is_protobuf(const httplib::Request& req) {
  return req.get_header_value("Content-Type").starts_with("application/vnd.google.protobuf");
}

void handle_push(ingest::PushStore& store, ingest::PushMethod method, const httplib::Request& req,
                 httplib::Response& res) {
  auto key = ingest::parse_push_path(req.path);
  if (auto* reason = std::get_if<std::string>(&key)) {
    respond(res, 400, *reason + "\n");
    return;
  }
  if (is_protobuf(req)) {
    respond(res, 415, "protobuf pushes are not supported: send the text format (version 0.0.4)\n");
    return;
  }
  const auto result = store.push(std::get<ingest::GroupingKey>(key), req.body, method);
  if (result.status == ingest::PushStatus::kStored) {
    respond(res, 200, "");
    return;
  }
  log::warn("push refused", {{"method", req.method},
                             {"path", req.path},
                             {"source", req.remote_addr},
                             {"status", std::to_string(status_for(result.status))},
                             {"reason", result.reason}});
  respond(res, status_for(result.status), result.reason + "\n");
}

}  // namespace

void add_push_routes(Routes& routes, std::shared_ptr<ingest::PushStore> store) {
  routes.add_pattern(Method::kPut, kPushPattern, [store](const httplib::Request& req, httplib::Response& res) {
    handle_push(*store, ingest::PushMethod::kPut, req, res);
  });
  routes.add_pattern(Method::kPost, kPushPattern, [store](const httplib::Request& req, httplib::Response& res) {
    handle_push(*store, ingest::PushMethod::kPost, req, res);
  });
  routes.add_pattern(Method::kDelete, kPushPattern, [store](const httplib::Request& req, httplib::Response& res) {
    auto key = ingest::parse_push_path(req.path);
    if (auto* reason = std::get_if<std::string>(&key)) {
      respond(res, 400, *reason + "\n");
      return;
    }
    store->remove(std::get<ingest::GroupingKey>(key));
    respond(res, 202, "");
  });
  routes.add_exact(Method::kGet, "/api/v1/metrics", [store](const httplib::Request&, httplib::Response& res) {
    respond(res, 200, store->api_metrics_json(), "application/json");
  });
}

}  // namespace host_exporter::server
