#pragma once
// A remote-write receiver for the sender's tests: the project's HTTP server on a loopback port,
// answering POST /api/v1/write with scripted statuses and keeping every request it got.

#include <snappy.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "remote_write/remote_write.pb.h"
#include "server/http_server.hpp"

namespace host_exporter::remote_write {

struct ReceivedWrite {
  server::HeaderList headers;
  prometheus::WriteRequest request;
  bool parsed = false;  // snappy and protobuf both took the body
};

class Receiver {
 public:
  Receiver() {
    server::Routes routes;
    routes.add_exact(server::Method::kPost, "/api/v1/write", [this](const server::Request& req, server::Response& res) {
      ReceivedWrite write{req.headers, {}, false};
      std::string raw;
      write.parsed = snappy::Uncompress(req.body.data(), req.body.size(), &raw) && write.request.ParseFromString(raw);
      std::lock_guard lock(mutex_);
      const int status = statuses_.empty() ? 204 : statuses_.front();
      if (!statuses_.empty()) statuses_.pop_front();
      writes_.push_back(std::move(write));
      server::respond(res, status, status >= 400 ? "refused by the test receiver" : "");
      changed_.notify_all();
    });
    server::HttpServerOptions options;
    options.addresses.push_back({"127.0.0.1", 0, "127.0.0.1:0"});
    server_ = std::make_unique<server::HttpServer>(std::move(options), std::move(routes));
    server_->start();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->bound_ports().at(0)) + "/api/v1/write"; }

  // The next answers, in order; after them, 204.
  void answer(std::initializer_list<int> statuses) {
    std::lock_guard lock(mutex_);
    statuses_.insert(statuses_.end(), statuses);
  }

  std::vector<ReceivedWrite> writes() const {
    std::lock_guard lock(mutex_);
    return writes_;
  }

  // Waits until `count` requests arrived (or a minute passed, a failure the caller reports).
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::minutes(1), [&] { return writes_.size() >= count; });
  }

  void stop() { server_->stop(); }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<int> statuses_;
  std::vector<ReceivedWrite> writes_;
  std::unique_ptr<server::HttpServer> server_;
};

}  // namespace host_exporter::remote_write
