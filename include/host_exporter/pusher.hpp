#pragma once
// Pushing an application's metrics to host_exporter's push API or to a Pushgateway
// (the same API): PUT/POST/DELETE <url>/metrics/job/<job>{/<label>/<value>}.
//
//   Pusher pusher("http://127.0.0.1:9101", "nightly_backup", {{"instance", "db1"}});
//   pusher.push(default_registry());   // PUT: the group now holds exactly these families
//
// Grouping values that are empty or hold anything but letters, digits and "-._~"
// travel base64url-encoded (`<label>@base64/<value>`), the only way to send '/' or an
// empty value, and never ambiguous about percent-decoding. A refused push throws
// PushError carrying the server's one-line reason.

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "host_exporter/collector.hpp"

namespace host_exporter {

using GroupingLabels = std::vector<std::pair<std::string, std::string>>;

class PushError : public std::runtime_error {
 public:
  PushError(const std::string& message, int status, std::string reason)
      : std::runtime_error(message), status_(status), reason_(std::move(reason)) {}

  int status() const { return status_; }                   // the HTTP status; 0 when there was no response
  const std::string& reason() const { return reason_; }  // the server's first line, or the connection error

 private:
  int status_;
  std::string reason_;
};

// "/metrics/job/<job>{/<label>/<value>}" for a group. Throws std::invalid_argument
// for an empty job, an invalid label name, or a "job" label among `labels`.
std::string push_path(std::string_view job, const GroupingLabels& labels = {});

class Pusher {
 public:
  // `url` is "http://host:port" (https when the build has TLS), optionally with a path
  // prefix ("http://proxy/pushgateway"). Throws std::invalid_argument for a malformed
  // URL or grouping key.
  Pusher(std::string_view url, std::string_view job, const GroupingLabels& labels = {});

  void push(Collector& source) const;      // PUT: replaces the whole group
  void push_add(Collector& source) const;  // POST: replaces only the families pushed
  void remove() const;                     // DELETE: removes the group

  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }

  const std::string& url() const { return base_; }
  const std::string& path() const { return path_; }  // with the URL's prefix

 private:
  void send(const char* method, Collector* source) const;

  std::string base_;  // scheme://authority
  std::string path_;
  std::chrono::milliseconds timeout_{10'000};
};

}  // namespace host_exporter
