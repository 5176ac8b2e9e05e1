// HostScrape's deadlines: a collector that blocks or is slow is reported failed
// (node_scrape_collector_success 0) and the scrape goes on with the others. DeadlineCall
// runs an ingested collector inline only while a worker has found that its reads cannot hang.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "collectors/host_scrape.hpp"

namespace host_exporter::collectors {
namespace {

using namespace std::chrono_literals;

class Constant final : public Collector {
 public:
  explicit Constant(std::string name) : name_(std::move(name)) {}
  void collect(std::vector<MetricFamily>& out) override {
    out.push_back({name_, "A constant.", MetricType::kGauge, {{"", 1.0, {}}}});
  }

 private:
  std::string name_;
};

// Blocks in collect() until released, as a read on a hung NFS server would.
class Blocking final : public Collector {
 public:
  void collect(std::vector<MetricFamily>& out) override {
    std::unique_lock lock(mutex_);
    released_.wait(lock, [&] { return open_; });
    out.push_back({"late_metric", "Late.", MetricType::kGauge, {{"", 1.0, {}}}});
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    released_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  bool open_ = false;
};

class Sleeping final : public Collector {
 public:
  void collect(std::vector<MetricFamily>& out) override {
    std::this_thread::sleep_for(60ms);
    out.push_back({"slow_metric", "Slow.", MetricType::kGauge, {{"", 1.0, {}}}});
  }
};

class Throwing final : public Collector {
 public:
  void collect(std::vector<MetricFamily>&) override { throw std::runtime_error("broken"); }
};

std::shared_ptr<HostCollector> adapt(std::shared_ptr<Collector> collector) {
  return std::make_shared<AdaptedCollector>(std::move(collector));
}

// Writes part of its families into the sink, then fails.
class FailingHalfWay final : public HostCollector {
 public:
  void fill(ScrapeContext&, Sink& sink) override {
    static constexpr FamilyDescriptor kHalf{"half_metric", "Half.", MetricType::kGauge, {}};
    sink.single(kHalf, 1.0);
    throw std::runtime_error("broken half-way");
  }
};

const MetricFamily* find(const std::vector<MetricFamily>& out, std::string_view name) {
  for (const auto& family : out) {
    if (family.name == name) return &family;
  }
  return nullptr;
}

double success_of(const std::vector<MetricFamily>& out, const std::string& collector) {
  const MetricFamily* success = find(out, "node_scrape_collector_success");
  if (success == nullptr) return -1;
  for (const auto& series : success->series) {
    if (series.labels == render_labels({{"collector", collector}})) return series.scalar();
  }
  return -1;
}

struct Timed {
  std::vector<MetricFamily> out;
  double seconds = 0;
};

Timed scrape(HostScrape& host) {
  Timed timed;
  ::testing::internal::CaptureStderr();
  const auto start = std::chrono::steady_clock::now();
  host.collect(timed.out);
  timed.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::testing::internal::GetCapturedStderr();
  return timed;
}

// Records the thread of every call; throws once told to.
class ThreadRecording final : public Collector {
 public:
  void collect(std::vector<MetricFamily>& out) override {
    {
      std::lock_guard lock(mutex_);
      threads_.push_back(std::this_thread::get_id());
    }
    out.push_back({"recorded_metric", "Recorded.", MetricType::kGauge, {{"", 1.0, {}}}});
    if (throw_.load()) throw std::runtime_error("broken after adding a family");
  }
  std::vector<std::thread::id> threads() {
    std::lock_guard lock(mutex_);
    return threads_;
  }
  std::atomic<bool> throw_{false};

 private:
  std::mutex mutex_;
  std::vector<std::thread::id> threads_;
};

// A hang probe that records the thread it was asked on.
struct LocalityAnswer {
  std::atomic<bool> local{true};
  std::mutex mutex;
  std::vector<std::thread::id> asked_on;
  std::function<bool()> function() {
    return [this] {
      std::lock_guard lock(mutex);
      asked_on.push_back(std::this_thread::get_id());
      return local.load();
    };
  }
};

DeadlineOutcome call_once(DeadlineCall& call, std::vector<MetricFamily>& out,
                          std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::now() + 1h) {
  std::string error;
  return call.collect(out, deadline, error);
}

TEST(DeadlineCall, RunsInlineOnceAWorkerFoundThatItsReadsCannotHang) {
  auto recording = std::make_shared<ThreadRecording>();
  LocalityAnswer answer;
  DeadlineCall call(recording, answer.function(), 1h);
  EXPECT_FALSE(call.runs_inline_now());  // nobody has asked yet
  std::vector<MetricFamily> out;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call_once(call, out), DeadlineOutcome::kDone);
  EXPECT_TRUE(call.runs_inline_now());
  EXPECT_EQ(out.size(), 3u);
  const auto threads = recording->threads();
  ASSERT_EQ(threads.size(), 3u);
  EXPECT_NE(threads[0], std::this_thread::get_id());  // the first call, on a worker, asked
  EXPECT_EQ(threads[1], std::this_thread::get_id());
  EXPECT_EQ(threads[2], std::this_thread::get_id());
  ASSERT_EQ(answer.asked_on.size(), 1u);
  EXPECT_EQ(answer.asked_on[0], threads[0]);  // the question may block: never on the caller's thread
}

TEST(DeadlineCall, StaysOnAWorkerWhileItsReadsMayHang) {
  auto recording = std::make_shared<ThreadRecording>();
  LocalityAnswer answer;
  answer.local = false;
  DeadlineCall call(recording, answer.function(), 1h);
  std::vector<MetricFamily> out;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call_once(call, out), DeadlineOutcome::kDone);
  for (const auto& thread : recording->threads()) EXPECT_NE(thread, std::this_thread::get_id());
  EXPECT_EQ(answer.asked_on.size(), 3u);  // asked again before every call
  EXPECT_FALSE(call.runs_inline_now());
}

TEST(DeadlineCall, AsksAgainOnAWorkerOnceTheInlinePeriodIsOver) {
  auto recording = std::make_shared<ThreadRecording>();
  LocalityAnswer answer;
  DeadlineCall call(recording, answer.function(), 0s);  // every period over at once
  std::vector<MetricFamily> out;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call_once(call, out), DeadlineOutcome::kDone);
  for (const auto& thread : recording->threads()) EXPECT_NE(thread, std::this_thread::get_id());
  EXPECT_EQ(answer.asked_on.size(), 3u);
}

TEST(DeadlineCall, WithoutAnAnswerEveryCallIsOnAWorker) {
  auto recording = std::make_shared<ThreadRecording>();
  DeadlineCall call(recording);
  std::vector<MetricFamily> out;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call_once(call, out), DeadlineOutcome::kDone);
  for (const auto& thread : recording->threads()) EXPECT_NE(thread, std::this_thread::get_id());
}

TEST(DeadlineCall, AnInlineCallThatThrowsOrReturnsLateAddsNothing) {
  auto recording = std::make_shared<ThreadRecording>();
  LocalityAnswer answer;
  DeadlineCall call(recording, answer.function(), 1h);
  std::vector<MetricFamily> out;
  ASSERT_EQ(call_once(call, out), DeadlineOutcome::kDone);
  ASSERT_EQ(out.size(), 1u);

  EXPECT_EQ(call_once(call, out, std::chrono::steady_clock::now() - 1s), DeadlineOutcome::kLate);
  EXPECT_EQ(out.size(), 1u);
  recording->throw_ = true;
  std::string error;
  EXPECT_EQ(call.collect(out, std::chrono::steady_clock::now() + 1h, error), DeadlineOutcome::kThrew);
  EXPECT_EQ(error, "broken after adding a family");
  EXPECT_EQ(out.size(), 1u);
  const auto threads = recording->threads();
  ASSERT_EQ(threads.size(), 3u);
  EXPECT_EQ(threads[1], std::this_thread::get_id());
  EXPECT_EQ(threads[2], std::this_thread::get_id());
}

TEST(HostScrape, ReadsCannotHangWhileEveryHostCollectorSaysSoAndEveryIngestedOneRunsInline) {
  LocalityAnswer answer;
  auto textfile = std::make_shared<AdaptedCollector>(std::make_shared<ThreadRecording>(), answer.function());
  HostScrape host({{"half", std::make_shared<FailingHalfWay>(), false}, {"textfile", textfile, true}}, true);
  EXPECT_FALSE(host.reads_cannot_hang());  // the textfile directories not yet looked at
  scrape(host);
  EXPECT_TRUE(host.reads_cannot_hang());

  HostScrape wrapped({{"unknown", adapt(std::make_shared<ThreadRecording>()), false}}, true);
  EXPECT_FALSE(wrapped.reads_cannot_hang());  // a public Collector that says nothing may hang

  HostScrape fixtures({{"half", std::make_shared<FailingHalfWay>(), false}}, /*reads_the_kernel=*/false);
  EXPECT_FALSE(fixtures.reads_cannot_hang());  // files that are not the kernel's may block
}

TEST(HostScrape, BlockedIngestedCollectorIsReportedFailedAndTheScrapeGoesOn) {
  auto blocking = std::make_shared<Blocking>();
  HostScrape host({{"cpu", adapt(std::make_shared<Constant>("cpu_metric")), false},
                   {"textfile", adapt(blocking), true}},
                  false, 100ms);
  const Timed first = scrape(host);
  EXPECT_LT(first.seconds, 2.0);
  EXPECT_EQ(success_of(first.out, "cpu"), 1);
  EXPECT_EQ(success_of(first.out, "textfile"), 0);
  EXPECT_NE(find(first.out, "cpu_metric"), nullptr);

  // The hung call still holds its thread: the next scrape does not start another and does not wait.
  const Timed second = scrape(host);
  EXPECT_LT(second.seconds, 0.05);
  EXPECT_EQ(success_of(second.out, "textfile"), 0);

  blocking->release();
  for (int i = 0; i < 100 && success_of(scrape(host).out, "textfile") != 1; ++i) std::this_thread::sleep_for(10ms);
  const Timed recovered = scrape(host);
  EXPECT_EQ(success_of(recovered.out, "textfile"), 1);
  EXPECT_NE(find(recovered.out, "late_metric"), nullptr);
}

TEST(HostScrape, HostCollectorPastItsDeadlineIsFailedAndItsFamiliesDropped) {
  HostScrape host({{"slow", adapt(std::make_shared<Sleeping>()), false}, {"cpu", adapt(std::make_shared<Constant>("cpu_metric")), false}},
                  false, 10ms);
  const Timed timed = scrape(host);
  EXPECT_EQ(success_of(timed.out, "slow"), 0);
  EXPECT_EQ(find(timed.out, "slow_metric"), nullptr);
  EXPECT_EQ(success_of(timed.out, "cpu"), 1);
}

TEST(HostScrape, ThrowingCollectorsFailAloneWhetherIngestedOrNot) {
  HostScrape host({{"a", adapt(std::make_shared<Throwing>()), false},
                   {"b", adapt(std::make_shared<Throwing>()), true},
                   {"c", adapt(std::make_shared<Constant>("c_metric")), true}});
  const Timed timed = scrape(host);
  EXPECT_EQ(success_of(timed.out, "a"), 0);
  EXPECT_EQ(success_of(timed.out, "b"), 0);
  EXPECT_EQ(success_of(timed.out, "c"), 1);
  EXPECT_NE(find(timed.out, "c_metric"), nullptr);
}

// A sink-native collector that fails after adding samples leaves nothing of them in the scrape.
TEST(HostScrape, WhatAFailingCollectorAddedIsDropped) {
  HostScrape host({{"half", std::make_shared<FailingHalfWay>(), false},
                   {"cpu", adapt(std::make_shared<Constant>("cpu_metric")), false}});
  const Timed timed = scrape(host);
  EXPECT_EQ(success_of(timed.out, "half"), 0);
  EXPECT_EQ(find(timed.out, "half_metric"), nullptr);
  EXPECT_EQ(success_of(timed.out, "cpu"), 1);
  EXPECT_NE(find(timed.out, "cpu_metric"), nullptr);
}

// Workers are reused; a scrape that finds them busy gets one more, and none is reported failed.
TEST(HostScrape, ConcurrentScrapesEachGetTheIngestedFamilies) {
  HostScrape host({{"slow", adapt(std::make_shared<Sleeping>()), true}}, false, 5000ms);
  std::vector<std::thread> scrapes;
  std::atomic<int> served{0};
  for (int t = 0; t < 3; ++t) {
    scrapes.emplace_back([&] {
      for (int i = 0; i < 3; ++i) {
        std::vector<MetricFamily> out;
        host.collect(out);
        if (success_of(out, "slow") == 1 && find(out, "slow_metric") != nullptr) ++served;
      }
    });
  }
  for (auto& scrape : scrapes) scrape.join();
  EXPECT_EQ(served.load(), 9);
}

// Destroying the scrape while a call hangs leaves that worker to finish alone.
TEST(HostScrape, DestroyedWhileACallHangs) {
  auto blocking = std::make_shared<Blocking>();
  {
    HostScrape host({{"textfile", adapt(blocking), true}}, false, 20ms);
    EXPECT_EQ(success_of(scrape(host).out, "textfile"), 0);
  }
  blocking->release();
  std::this_thread::sleep_for(50ms);  // the detached worker returns and exits
}

}  // namespace
}  // namespace host_exporter::collectors
