#include "platform/scrape_scratch.hpp"

namespace host_exporter::platform {

// macOS collectors share no reading within a scrape.
struct ScrapeScratch::Readings {};

ScrapeScratch::ScrapeScratch() : readings_(std::make_unique<Readings>()) {}
ScrapeScratch::~ScrapeScratch() = default;

void ScrapeScratch::begin_scrape() {}

}  // namespace host_exporter::platform
