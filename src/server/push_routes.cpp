#include "server/push_routes.hpp"

#include <string>
#include <variant>

#include "exposition/format.hpp"
#include "exposition/gzip.hpp"
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
    case ingest::PushStatus::kNotPersisted: return 503;
  }
  return 400;
}

// Pushgateway also takes delimited protobuf; we take the text format only.
bool is_protobuf(const Request& req) {
  return req.headers.get("Content-Type").starts_with("application/vnd.google.protobuf");
}

void refuse(const Request& req, Response& res, int status, const std::string& reason) {
  log::warn("push refused", {{"method", req.method},
                             {"path", req.path},
                             {"source", req.remote_addr},
                             {"status", std::to_string(status)},
                             {"reason", reason}});
  respond(res, status, reason + "\n");
}

void handle_push(ingest::PushStore& store, ingest::PushMethod method, std::size_t max_body_bytes, const Request& req,
                 Response& res) {
  auto key = ingest::parse_push_path(req.path);
  if (auto* reason = std::get_if<std::string>(&key)) {
    respond(res, 400, *reason + "\n");
    return;
  }
  if (is_protobuf(req)) {
    respond(res, 415, "protobuf pushes are not supported: send the text format (version 0.0.4)\n");
    return;
  }
  std::string_view body = req.body;
  exposition::Gunzipped inflated;
  if (const auto encoding = req.headers.get("Content-Encoding"); !encoding.empty() && encoding != "identity") {
    if (encoding != "gzip") return refuse(req, res, 415, "unsupported Content-Encoding \"" + std::string(encoding) + "\"");
    inflated = exposition::gzip_decompress(req.body, max_body_bytes);
    if (inflated.status == exposition::Gunzipped::Status::kTooLarge) {
      return refuse(req, res, 413, "the gzip body inflates to more than " + std::to_string(max_body_bytes) +
                                       " bytes (--push.max-bytes)");
    }
    if (inflated.status == exposition::Gunzipped::Status::kCorrupt) {
      return refuse(req, res, 400, "the body is not valid gzip");
    }
    body = inflated.data;
  }
  const auto result = store.push(std::get<ingest::GroupingKey>(key), body, method);
  if (result.status == ingest::PushStatus::kStored) {
    respond(res, 200, "");
    return;
  }
  refuse(req, res, status_for(result.status), result.reason);
}

}  // namespace

void add_push_routes(Routes& routes, std::shared_ptr<ingest::PushStore> store, std::size_t max_body_bytes) {
  routes.add_pattern(Method::kPut, kPushPattern, [store, max_body_bytes](const Request& req, Response& res) {
    handle_push(*store, ingest::PushMethod::kPut, max_body_bytes, req, res);
  });
  routes.add_pattern(Method::kPost, kPushPattern, [store, max_body_bytes](const Request& req, Response& res) {
    handle_push(*store, ingest::PushMethod::kPost, max_body_bytes, req, res);
  });
  routes.add_pattern(Method::kDelete, kPushPattern, [store](const Request& req, Response& res) {
    auto key = ingest::parse_push_path(req.path);
    if (auto* reason = std::get_if<std::string>(&key)) {
      respond(res, 400, *reason + "\n");
      return;
    }
    const auto result = store->remove(std::get<ingest::GroupingKey>(key));
    if (result.status != ingest::PushStatus::kStored) return refuse(req, res, status_for(result.status), result.reason);
    respond(res, 202, "");
  });
  routes.add_exact(Method::kGet, "/api/v1/metrics", [store](const Request&, Response& res) {
    respond(res, 200, store->api_metrics_json(), "application/json");
  });
}

}  // namespace host_exporter::server
