#include "host_exporter/pusher.hpp"

#include <vector>

#include "exposition/format.hpp"
#include "host_exporter/metric_family.hpp"
#include "http_client/http_client.hpp"
#include "text/push_group_path.hpp"

namespace host_exporter {

namespace {

// The first non-empty line of a response body, trimmed and bounded: the server's reason.
std::string first_line(std::string_view body) {
  while (!body.empty()) {
    const std::size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty()) return std::string(line.substr(0, 300));
    if (end == std::string_view::npos) break;
    body.remove_prefix(end + 1);
  }
  return {};
}

}  // namespace

std::string push_path(std::string_view job, const GroupingLabels& labels) {
  if (job.empty()) throw std::invalid_argument("push: the job must not be empty");
  for (const auto& [name, value] : labels) {
    if (name == "job") throw std::invalid_argument("push: give the job as the job, not as a grouping label");
    if (!is_valid_label_name(name)) throw std::invalid_argument("push: invalid grouping label name \"" + name + "\"");
  }
  return text::push_group_path(job, labels);
}

Pusher::Pusher(std::string_view url, std::string_view job, const GroupingLabels& labels) {
  const std::size_t scheme_end = url.find("://");
  const std::string_view scheme = scheme_end == std::string_view::npos ? std::string_view{} : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    throw std::invalid_argument("push: the URL must start with http:// or https://: \"" + std::string(url) + "\"");
  }
  const std::size_t authority_start = scheme_end + 3;
  const std::size_t path_start = std::min(url.find('/', authority_start), url.size());
  if (path_start == authority_start) {
    throw std::invalid_argument("push: the URL has no host: \"" + std::string(url) + "\"");
  }
  base_ = std::string(url.substr(0, path_start));
  std::string_view prefix = url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  path_ = std::string(prefix) + push_path(job, labels);
}

void Pusher::push(Collector& source) const { send("PUT", &source); }
void Pusher::push_add(Collector& source) const { send("POST", &source); }
void Pusher::remove() const { send("DELETE", nullptr); }

void Pusher::send(const char* method, Collector* source) const {
  std::string body;
  if (source != nullptr) {
    std::vector<MetricFamily> families;
    source->collect(families);
    exposition::encode(families, exposition::Format::kText004, body);
  }
  const std::string target = std::string(method) + " " + base_ + path_;

  http::ClientRequest request;
  request.method = method;
  request.url = base_ + path_;
  request.timeout = timeout_;
  if (source != nullptr) {
    request.body = std::move(body);
    request.headers.emplace_back("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  }
  http::ClientResponse result;
  try {
    result = http::fetch(request);
  } catch (const http::ClientError& e) {
    throw PushError(target + " failed: " + e.what(), 0, e.what());
  }
  if (result.status < 200 || result.status >= 300) {
    const std::string reason = first_line(result.body);
    std::string message = target + " failed: HTTP " + std::to_string(result.status);
    if (!reason.empty()) message += ": " + reason;
    throw PushError(message, result.status, reason);
  }
}

}  // namespace host_exporter
