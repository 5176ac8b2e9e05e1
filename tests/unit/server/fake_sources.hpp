#pragma once
// Metric sources for server tests: a fixed family, one that cannot hang, one that
// throws, one that blocks until released (to hold a scrape in flight).

#include <atomic>
#include <chrono>
#include <thread>
#include <future>
#include <stdexcept>

#include "host_exporter/collector.hpp"

namespace host_exporter::server::testing {

class FixedSource final : public Collector {
 public:
  explicit FixedSource(std::string name, double value = 1) : name_(std::move(name)), value_(value) {}
  void collect(std::vector<MetricFamily>& out) override {
    out.push_back({name_, "A test gauge.", MetricType::kGauge, {{"", value_, {}}}});
  }

 private:
  std::string name_;
  double value_;
};

// A fixed gauge that says its reads cannot hang (the server may scrape it on its loop);
// its first collect() sleeps `first_takes`, to run over the loop's budget.
class BoundedSource final : public Collector {
 public:
  explicit BoundedSource(std::chrono::milliseconds first_takes = {}) : first_takes_(first_takes) {}
  void collect(std::vector<MetricFamily>& out) override {
    if (calls_.fetch_add(1) == 0) std::this_thread::sleep_for(first_takes_);
    out.push_back({"bounded_gauge", "A test gauge.", MetricType::kGauge, {{"", 1.0, {}}}});
  }
  bool reads_cannot_hang() const override { return true; }

 private:
  std::chrono::milliseconds first_takes_;
  std::atomic<int> calls_{0};
};

class ThrowingSource final : public Collector {
 public:
  void collect(std::vector<MetricFamily>& out) override {
    out.push_back({"half_written", "Never reaches a scrape.", MetricType::kGauge, {{"", 1.0, {}}}});
    throw std::runtime_error("broken source");
  }
};

// collect() announces that it started, then waits until release() is called.
class BlockingSource final : public Collector {
 public:
  void collect(std::vector<MetricFamily>& out) override {
    if (!announced_.exchange(true)) started_.set_value();
    released_.wait();
    out.push_back({"slow_gauge", "A slow test gauge.", MetricType::kGauge, {{"", 1.0, {}}}});
  }
  void wait_until_started() { started_future_.wait(); }
  void release() { release_.set_value(); }

 private:
  std::atomic<bool> announced_{false};
  std::promise<void> started_;
  std::future<void> started_future_ = started_.get_future();
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

}  // namespace host_exporter::server::testing
