#pragma once
// A collector made of one function: for the small collectors whose whole work is
// "read, then build families" (most macOS ones). Calls are serialised.

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "host_exporter/collector.hpp"

namespace host_exporter::collectors {

class FunctionCollector final : public Collector {
 public:
  explicit FunctionCollector(std::function<void(std::vector<MetricFamily>&)> collect)
      : collect_(std::move(collect)) {}
  void collect(std::vector<MetricFamily>& out) override {
    std::lock_guard lock(mutex_);
    collect_(out);
  }

 private:
  std::mutex mutex_;
  std::function<void(std::vector<MetricFamily>&)> collect_;
};

}  // namespace host_exporter::collectors
