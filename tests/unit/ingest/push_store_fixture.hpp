#pragma once
// A push store on a hand-driven clock, and small helpers to push and look.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "exposition/format.hpp"
#include "ingest/push_store.hpp"

namespace host_exporter::ingest::testing {

class ManualClock {
 public:
  explicit ManualClock(std::int64_t start_seconds = 1'700'000'000) : seconds_(start_seconds) {}
  void advance(std::chrono::seconds by) { seconds_ += by.count(); }
  std::int64_t seconds() const { return seconds_.load(); }
  std::function<TimePoint()> function() {
    return [this] { return TimePoint(std::chrono::seconds(seconds_.load())); };
  }

 private:
  std::atomic<std::int64_t> seconds_;
};

inline GroupingKey job_key(std::string job, std::vector<std::pair<std::string, std::string>> extra = {}) {
  extra.emplace_back("job", std::move(job));
  return std::get<GroupingKey>(make_grouping_key(std::move(extra)));
}

inline std::vector<MetricFamily> scrape(PushStore& store) {
  std::vector<MetricFamily> out;
  store.collect(out);
  return out;
}

inline std::string scrape_text(PushStore& store) {
  std::string text;
  exposition::encode(scrape(store), exposition::Format::kText004, text);
  return text;
}

}  // namespace host_exporter::ingest::testing
