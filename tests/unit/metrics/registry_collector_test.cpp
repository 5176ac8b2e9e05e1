// Registry::add_collector / remove_collector: an application's own Collector gathered with
// the registry's families.
#include "host_exporter/registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace host_exporter {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using Error = std::invalid_argument;

// Reports a queue's depth, read when collected, as a custom collector does.
class QueueCollector final : public Collector {
 public:
  explicit QueueCollector(std::vector<MetricFamily> families) : families_(std::move(families)) {}
  void collect(std::vector<MetricFamily>& out) override {
    calls.fetch_add(1, std::memory_order_relaxed);
    out.insert(out.end(), families_.begin(), families_.end());
  }
  std::atomic<int> calls{0};

 private:
  std::vector<MetricFamily> families_;
};

MetricFamily gauge_family(std::string name, double value) {
  Series series;
  series.value = value;
  return {std::move(name), "Queue depth.", MetricType::kGauge, {series}};
}

MetricFamily counter_family(std::string name, double value) {
  MetricFamily family = gauge_family(std::move(name), value);
  family.type = MetricType::kCounter;
  return family;
}

std::vector<std::string> names(Registry& registry) {
  std::vector<MetricFamily> out;
  registry.collect(out);
  std::vector<std::string> result;
  for (const MetricFamily& family : out) result.push_back(family.name);
  return result;
}

// A collector that reads memory only, and says so.
class InMemoryCollector final : public Collector {
 public:
  void collect(std::vector<MetricFamily>& out) override { out.push_back(gauge_family("in_memory", 1)); }
  bool reads_cannot_hang() const override { return true; }
};

TEST(RegistryCollectors, ReadsCannotHangWhileEveryAddedCollectorSaysSo) {
  Registry registry;
  registry.gauge("queue_depth", "Depth.");
  EXPECT_TRUE(registry.reads_cannot_hang());  // its own families are memory
  registry.add_collector(std::make_shared<InMemoryCollector>());
  EXPECT_TRUE(registry.reads_cannot_hang());
  auto unknown = std::make_shared<QueueCollector>(std::vector<MetricFamily>{});  // says nothing: may block
  registry.add_collector(unknown);
  EXPECT_FALSE(registry.reads_cannot_hang());
  registry.remove_collector(*unknown);
  EXPECT_TRUE(registry.reads_cannot_hang());
}

TEST(RegistryCollectors, AnAddedCollectorIsGatheredAfterTheFamilies) {
  Registry registry;
  registry.counter("app_jobs_total", "Jobs.").get().inc(2);
  auto queue = std::make_shared<QueueCollector>(std::vector{gauge_family("app_queue_depth", 7)});
  registry.add_collector(queue);

  std::vector<MetricFamily> out;
  registry.collect(out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].name, "app_jobs_total");
  EXPECT_EQ(out[1].name, "app_queue_depth");
  EXPECT_EQ(out[1].series.at(0).scalar(), 7.0);
  EXPECT_EQ(queue->calls.load(), 1);
  EXPECT_EQ(registry.size(), 1u);  // families only
}

TEST(RegistryCollectors, CollectorsAreGatheredInTheOrderAdded) {
  Registry registry;
  registry.add_collector(std::make_shared<QueueCollector>(std::vector{gauge_family("b_depth", 1)}));
  registry.add_collector(std::make_shared<QueueCollector>(std::vector{gauge_family("a_depth", 2)}));
  EXPECT_THAT(names(registry), ElementsAre("b_depth", "a_depth"));
}

TEST(RegistryCollectors, ARemovedCollectorIsNoLongerGathered) {
  Registry registry;
  auto queue = std::make_shared<QueueCollector>(std::vector{gauge_family("app_queue_depth", 7)});
  registry.add_collector(queue);
  EXPECT_TRUE(registry.remove_collector(*queue));
  EXPECT_TRUE(names(registry).empty());
  EXPECT_EQ(queue->calls.load(), 0);
  EXPECT_FALSE(registry.remove_collector(*queue));  // not there any more
  registry.add_collector(queue);                     // and may come back
  EXPECT_THAT(names(registry), ElementsAre("app_queue_depth"));
}

TEST(RegistryCollectors, TheRegistryKeepsACollectorAliveUntilRemoved) {
  Registry registry;
  auto queue = std::make_shared<QueueCollector>(std::vector{gauge_family("app_queue_depth", 7)});
  const std::weak_ptr<QueueCollector> watch = queue;
  registry.add_collector(std::move(queue));
  EXPECT_THAT(names(registry), ElementsAre("app_queue_depth"));
  ASSERT_FALSE(watch.expired());
  EXPECT_TRUE(registry.remove_collector(*watch.lock()));
  EXPECT_TRUE(watch.expired());
}

TEST(RegistryCollectors, RefusesNullRepeatedAndItself) {
  Registry registry;
  EXPECT_THAT([&] { registry.add_collector(nullptr); }, ThrowsMessage<Error>(HasSubstr("null")));
  auto queue = std::make_shared<QueueCollector>(std::vector<MetricFamily>{});
  registry.add_collector(queue);
  EXPECT_THAT([&] { registry.add_collector(queue); }, ThrowsMessage<Error>(HasSubstr("added already")));
  // A registry gathering itself would recurse forever. (Not owned: the aliasing pointer owns nothing.)
  const std::shared_ptr<Collector> self(std::shared_ptr<Collector>(), &registry);
  EXPECT_THAT([&] { registry.add_collector(self); }, ThrowsMessage<Error>(HasSubstr("itself")));
}

TEST(RegistryCollectors, AFamilyWhoseNameIsTakenIsLeftOut) {
  Registry registry;
  registry.counter("app_jobs_total", "Jobs.").get().inc();
  registry.histogram("app_latency_seconds", "Latency.");
  registry.add_collector(std::make_shared<QueueCollector>(std::vector{
      gauge_family("app_jobs_total", 1),         // the registry's counter
      gauge_family("app_jobs", 1),               // its OpenMetrics family name
      gauge_family("app_latency_seconds_count", 1),  // a histogram's sample
      gauge_family("app_queue_depth", 1),        // free
  }));
  registry.add_collector(std::make_shared<QueueCollector>(std::vector{
      gauge_family("app_queue_depth", 2),  // the first collector's
      counter_family("app_done", 3),       // exposes app_done_total and app_done_created: free
  }));
  std::vector<MetricFamily> out;
  registry.collect(out);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].name, "app_jobs_total");
  EXPECT_EQ(out[0].type, MetricType::kCounter);
  EXPECT_EQ(out[1].name, "app_latency_seconds");
  EXPECT_EQ(out[2].name, "app_queue_depth");
  EXPECT_EQ(out[2].series.at(0).scalar(), 1.0);  // the first collector's wins
  EXPECT_EQ(out[3].name, "app_done");
}

TEST(RegistryCollectors, FamiliesAlreadyInTheOutputAreNotJudged) {
  // Another source's families before the registry's: the caller (the exposer) merges sources.
  Registry registry;
  registry.add_collector(std::make_shared<QueueCollector>(std::vector{gauge_family("app_queue_depth", 1)}));
  std::vector<MetricFamily> out{gauge_family("app_queue_depth", 9)};
  registry.collect(out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].series.at(0).scalar(), 1.0);
}

class ThrowingCollector final : public Collector {
 public:
  void collect(std::vector<MetricFamily>& out) override {
    out.push_back(gauge_family("half_written", 1));
    throw std::runtime_error("queue unreachable");
  }
};

TEST(RegistryCollectors, AThrowingCollectorLosesOnlyItsOwnFamilies) {
  Registry registry;
  registry.gauge("own_gauge", "A gauge of the registry's own.").get().set(3);
  registry.add_collector(std::make_shared<ThrowingCollector>());
  registry.add_collector(std::make_shared<QueueCollector>(std::vector{gauge_family("queue_depth", 7)}));
  EXPECT_THAT(names(registry), ElementsAre("own_gauge", "queue_depth"));
}

TEST(RegistryCollectors, CollectsWhileCollectorsComeAndGo) {
  // Also run under ThreadSanitizer (tests/tsan): adding and removing never races a collect.
  Registry registry;
  registry.counter("app_jobs_total", "Jobs.").get().inc();
  std::atomic<bool> done{false};
  std::thread churn([&] {
    for (int i = 0; i < 2000; ++i) {
      auto queue = std::make_shared<QueueCollector>(std::vector{gauge_family("app_queue_depth", i)});
      registry.add_collector(queue);
      registry.remove_collector(*queue);
    }
    done = true;
  });
  std::vector<std::thread> scrapers;
  std::atomic<int> malformed{0};
  for (int t = 0; t < 2; ++t) {
    scrapers.emplace_back([&] {
      std::vector<MetricFamily> out;
      while (!done) {
        out.clear();
        registry.collect(out);
        const bool fine = !out.empty() && out.size() <= 2 && out[0].name == "app_jobs_total" &&
                          (out.size() == 1 || out[1].name == "app_queue_depth");
        if (!fine) ++malformed;
      }
    });
  }
  churn.join();
  for (auto& scraper : scrapers) scraper.join();
  EXPECT_EQ(malformed.load(), 0);
  EXPECT_THAT(names(registry), ElementsAre("app_jobs_total"));
}

}  // namespace
}  // namespace host_exporter
