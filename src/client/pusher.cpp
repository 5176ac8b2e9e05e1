#include "host_exporter/pusher.hpp"

#include <algorithm>
#include <vector>

#include "exposition/format.hpp"
#include "host_exporter/metric_family.hpp"
#include "http_client/http_client.hpp"

namespace host_exporter {

namespace {

bool is_unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// A path segment that is unreserved text needs no encoding ("." and ".." would be
// taken as path steps by a proxy, so they are encoded too).
bool travels_plain(std::string_view value) {
  return !value.empty() && value != "." && value != ".." && std::all_of(value.begin(), value.end(), is_unreserved);
}

// RFC 4648 base64url without padding; "=" for the empty string, as Pushgateway expects.
std::string base64url(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  if (data.empty()) return "=";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const auto n = static_cast<unsigned>(static_cast<unsigned char>(data[i])) << 16 |
                   static_cast<unsigned>(static_cast<unsigned char>(data[i + 1])) << 8 |
                   static_cast<unsigned>(static_cast<unsigned char>(data[i + 2]));
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += kAlphabet[n >> 6 & 63];
    out += kAlphabet[n & 63];
  }
  if (const std::size_t rest = data.size() - i; rest > 0) {
    auto n = static_cast<unsigned>(static_cast<unsigned char>(data[i])) << 16;
    if (rest == 2) n |= static_cast<unsigned>(static_cast<unsigned char>(data[i + 1])) << 8;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    if (rest == 2) out += kAlphabet[n >> 6 & 63];
  }
  return out;
}

void append_segment(std::string& path, std::string_view name, std::string_view value) {
  path += '/';
  path += name;
  if (travels_plain(value)) {
    path += '/';
    path += value;
  } else {
    path += "@base64/";
    path += base64url(value);
  }
}

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
  std::string path = "/metrics";
  append_segment(path, "job", job);
  for (const auto& [name, value] : labels) {
    if (name == "job") throw std::invalid_argument("push: give the job as the job, not as a grouping label");
    if (!is_valid_label_name(name)) throw std::invalid_argument("push: invalid grouping label name \"" + name + "\"");
    append_segment(path, name, value);
  }
  return path;
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
