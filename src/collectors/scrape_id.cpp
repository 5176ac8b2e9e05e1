#include "collectors/scrape_id.hpp"

#include <atomic>

namespace host_exporter::collectors {

namespace {

std::atomic<std::uint64_t> last_scrape_id{0};
thread_local std::uint64_t thread_scrape_id = 0;

}  // namespace

std::uint64_t current_scrape_id() { return thread_scrape_id; }

ScrapeIdScope::ScrapeIdScope() : previous_(thread_scrape_id) {
  thread_scrape_id = last_scrape_id.fetch_add(1, std::memory_order_relaxed) + 1;
}

ScrapeIdScope::~ScrapeIdScope() { thread_scrape_id = previous_; }

}  // namespace host_exporter::collectors
