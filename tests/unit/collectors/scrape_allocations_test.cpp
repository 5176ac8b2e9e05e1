// A steady-state scrape of the default collectors allocates (almost) nothing: collectors
// describe their families once and only append values into a sink reused from scrape to
// scrape. Counted here with this binary's own operator new (issue 16: at most 20 per scrape).

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "collectors/builtin.hpp"
#include "collectors/diskstats.hpp"
#include "collectors/host_scrape.hpp"
#include "collectors/netdev.hpp"
#include "collectors/rate_source.hpp"
#include "collectors/sampler.hpp"
#include "exposition/format.hpp"
#include "exposition/sink.hpp"
#include "support/fixtures.hpp"

namespace {

std::atomic<bool> counting{false};
std::atomic<long> allocations{0};

void* allocate(std::size_t size) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  const auto align = static_cast<std::size_t>(alignment);
  if (void* p = std::aligned_alloc(align, (size + align - 1) / align * align)) return p;
  throw std::bad_alloc();
}

}  // namespace

// Every replaceable form, so that nothing escapes the count.
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void* operator new(std::size_t size, std::align_val_t alignment) { return allocate_aligned(size, alignment); }
void* operator new[](std::size_t size, std::align_val_t alignment) { return allocate_aligned(size, alignment); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace host_exporter::collectors {
namespace {

constexpr long kMaxAllocationsPerScrape = 20;

// The default collectors over the recorded Debian 12 machine, with a sampler window
// (so the rate and utilisation families are there) and an empty textfile directory.
class SteadyScrape {
 public:
  // `only`: that collector alone ("" for every default one).
  explicit SteadyScrape(const std::string& only = "") : sampler_(std::chrono::milliseconds(1000)) {
    textfile_dir_ = std::filesystem::temp_directory_path() / ("hx_alloc_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(textfile_dir_);
    std::vector<HostScrape::Named> named;
    for (const auto& definition : builtin_collectors()) {
      if (!definition.enabled_by_default || (!only.empty() && definition.name != only)) continue;
      CollectorContext context{test::fixture_roots("linux-debian12"), &sampler_, default_config(definition)};
      if (definition.name == "textfile") context.config.set("directory", {textfile_dir_.string()});
      named.push_back({definition.name, definition.create(context), definition.ingested});
    }
    sampler_.sample_now();
    sampler_.sample_now();
    scrape_ = std::make_unique<HostScrape>(std::move(named));
  }
  ~SteadyScrape() { std::filesystem::remove_all(textfile_dir_); }

  // One scrape as the /metrics endpoint does it: fill the reused sink, encode, clear.
  void once() {
    scrape_->fill(sink_);
    ASSERT_TRUE(sink_.names_unique());
    body_.clear();
    exposition::encode(sink_, exposition::Format::kText004, body_);
    sink_.clear();
  }

  const std::string& body() const { return body_; }

  // Heap allocations of one steady-state scrape, averaged over a few.
  long allocations_per_scrape() {
    for (int i = 0; i < 3; ++i) once();  // the first scrapes size the sink and the collectors' buffers
    constexpr int kScrapes = 5;
    allocations = 0;
    counting = true;
    for (int i = 0; i < kScrapes; ++i) once();
    counting = false;
    return allocations.load() / kScrapes;
  }

 private:
  std::filesystem::path textfile_dir_;
  Sampler sampler_;
  std::unique_ptr<HostScrape> scrape_;
  exposition::Sink sink_;
  std::string body_;
};

TEST(ScrapeAllocations, SteadyStateScrapeOfTheDefaultCollectorsAllocatesAtMost20Times) {
  SteadyScrape scrape;
  scrape.once();
  // The scrape really ran: families of every kind of collector are in it, and none failed (a failing
  // collector would allocate less and make the budget easier to meet).
  for (const char* expected :
       {"node_cpu_seconds_total", "node_memory_MemTotal_bytes", "host_memory_total_bytes", "node_disk_read_bytes_total",
        "node_network_receive_bytes_total", "host_network_receive_bytes_per_second", "node_filesystem_device_error",
        "node_scrape_collector_success"}) {
    EXPECT_NE(scrape.body().find(std::string("\n# TYPE ") + expected + ' '), std::string::npos) << expected;
  }
  EXPECT_NE(scrape.body().find("node_scrape_collector_success{"), std::string::npos);
  for (std::size_t at = scrape.body().find("node_scrape_collector_success{"); at != std::string::npos;
       at = scrape.body().find("node_scrape_collector_success{", at + 1)) {
    const std::size_t end = scrape.body().find('\n', at);
    EXPECT_EQ(scrape.body().substr(end - 2, 2), " 1") << scrape.body().substr(at, end - at);
  }

  const long per_scrape = scrape.allocations_per_scrape();
  std::printf("heap allocations per steady-state scrape: %ld\n", per_scrape);
  EXPECT_LE(per_scrape, kMaxAllocationsPerScrape);
}

// Each default collector alone stays within the whole scrape's budget (and the counts are printed,
// for whoever wants them lower).
TEST(ScrapeAllocations, PerCollector) {
  for (const auto& definition : builtin_collectors()) {
    if (!definition.enabled_by_default) continue;
    SteadyScrape scrape(definition.name);
    const long per_scrape = scrape.allocations_per_scrape();
    std::printf("%-12s %ld\n", definition.name.c_str(), per_scrape);
    EXPECT_LE(per_scrape, kMaxAllocationsPerScrape) << definition.name;
  }
}

// The sampler's ticks of the disk and network rate sources allocate nothing either once their
// readings, windows and per-device filter decisions exist (the sampler runs every 2 s by default).
TEST(ScrapeAllocations, SteadySamplerTickOfTheRateSources) {
  const platform::Roots roots = test::fixture_roots("linux-debian12");
  RateSource disks("disk", DeviceFilter(kDiskstatsDefaultExclude, "", "d"), disk_rate_sampler(roots));
  RateSource interfaces("network", DeviceFilter(), network_rate_sampler(roots));
  std::vector<CounterPairRate> rates;
  auto now = std::chrono::steady_clock::time_point(std::chrono::seconds(10));
  const auto tick = [&] {
    now += std::chrono::seconds(2);
    disks.take_sample(now);
    interfaces.take_sample(now);
    disks.copy_rates(rates);
    interfaces.copy_rates(rates);
  };
  for (int i = 0; i < 3; ++i) tick();
  ASSERT_FALSE(rates.empty());  // the window exists: the counted ticks compute real rates
  allocations = 0;
  counting = true;
  for (int i = 0; i < 5; ++i) tick();
  counting = false;
  EXPECT_EQ(allocations.load(), 0);
}

// The counter counts: a scrape with a fresh sink and a fresh body allocates far more.
TEST(ScrapeAllocations, TheCounterSeesAllocations) {
  allocations = 0;
  counting = true;
  auto sink = std::make_unique<exposition::Sink>();
  std::vector<std::string> strings(10, std::string(100, 'x'));
  counting = false;
  EXPECT_GE(allocations.load(), 11);
}

}  // namespace
}  // namespace host_exporter::collectors
