#include "cli/metric_sources.hpp"

#include <iostream>
#include <stdexcept>

#include "collectors/build_info.hpp"
#include "collectors/builtin.hpp"
#include "collectors/host_scrape.hpp"
#include "collectors/process_self.hpp"
#include "log/log.hpp"
#include "platform/kernel_roots.hpp"

namespace host_exporter::cli {

void add_metric_sources(const Options& options, collectors::Sampler& sampler, server::MetricsEndpoint& endpoint) {
  std::vector<collectors::HostScrape::Named> enabled;
  for (const auto& definition : collectors::builtin_collectors()) {
    const auto it = options.collector_enabled.find(definition.name);
    if (it == options.collector_enabled.end() || !it->second) continue;
    collectors::CollectorContext context;
    context.roots = options.roots;
    context.sampler = &sampler;
    const auto config = options.collector_config.find(definition.name);
    context.config = config != options.collector_config.end() ? config->second : collectors::default_config(definition);
    try {
      enabled.push_back({definition.name, definition.create(context), definition.ingested});
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("collector " + definition.name + ": " + e.what());
    }
    log::debug("collector enabled", {{"collector", definition.name}});
  }
  log::info("collectors enabled", {{"count", std::to_string(enabled.size())}});

  endpoint.add_source(std::make_shared<collectors::BuildInfoCollector>());
  endpoint.add_source(std::make_shared<collectors::ProcessSelfCollector>());
  endpoint.add_source(
      std::make_shared<collectors::HostScrape>(std::move(enabled), platform::collectors_read_the_kernel(options.roots)));
}

bool add_metric_sources_or_report(const Options& options, collectors::Sampler& sampler,
                                  server::MetricsEndpoint& endpoint) {
  try {
    add_metric_sources(options, sampler, endpoint);
  } catch (const std::invalid_argument& e) {
    std::cerr << "host_exporter: error: " << e.what() << '\n';
    return false;
  }
  return true;
}

}  // namespace host_exporter::cli
