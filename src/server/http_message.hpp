#pragma once
// One HTTP request and its response as the exporter's handlers see them: plain
// values copied out of the event loop, so a handler runs on a worker thread and
// never touches the connection.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace host_exporter::server {

class EventFeed;

// Header fields in arrival order; names compare case-insensitively.
class HeaderList {
 public:
  void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  // Replaces every field of that name with one.
  void set(std::string_view name, std::string value);
  // The first value of a field, or "" when absent.
  std::string_view get(std::string_view name) const;
  bool has(std::string_view name) const;
  std::size_t size() const { return fields_.size(); }
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct Request {
  std::string method;  // "GET", "HEAD", "POST", ...
  std::string path;    // as sent, without the query
  std::string query;   // after '?', as sent
  HeaderList headers;
  std::string body;       // as received; a gzip Content-Encoding is not undone here
  std::string remote_addr;  // "host:port" of the client
};

struct Response {
  int status = 200;
  HeaderList headers;
  std::string body;
  // Set by a streaming route (server-sent events): the body goes first, then every event the feed
  // publishes, until the client leaves or the server stops. A HEAD request gets the body alone.
  std::shared_ptr<EventFeed> stream;
};

// Sets status, Content-Type and body.
void respond(Response& res, int status, std::string body, std::string_view content_type = "text/plain; charset=utf-8");

}  // namespace host_exporter::server
