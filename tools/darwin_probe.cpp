// darwin_probe: collects every macOS collector once (two sampler ticks a second apart, so
// the rates and utilisation have a window) and prints the text exposition. Built by
// `make darwin-check` to prove the adapter links; on a Mac, run it to see the readings.
//   darwin_probe [--no-wait]

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "collectors/darwin_definitions.hpp"
#include "collectors/host_scrape.hpp"
#include "collectors/sampler.hpp"
#include "exposition/format.hpp"
#include "platform/darwin/host_readers.hpp"

int main(int argc, char** argv) {
  using namespace host_exporter;
  const bool wait = !(argc > 1 && std::strcmp(argv[1], "--no-wait") == 0);
  collectors::Sampler sampler(std::chrono::milliseconds(1000));
  std::vector<collectors::HostScrape::Named> named;
  for (const auto& definition : collectors::darwin_collector_definitions(platform::darwin::host_readers())) {
    collectors::CollectorContext context;
    context.sampler = &sampler;
    context.config = collectors::default_config(definition);
    named.push_back({definition.name, definition.create(context)});
  }
  sampler.sample_now();
  if (wait) std::this_thread::sleep_for(std::chrono::seconds(1));
  sampler.sample_now();
  collectors::HostScrape scrape(std::move(named));
  std::vector<MetricFamily> families;
  scrape.collect(families);
  std::string text;
  exposition::encode(families, exposition::Format::kText004, text);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
