#pragma once
// Building a built-in collector by name against a fixture tree, for tests.

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "collectors/builtin.hpp"
#include "collectors/sampler.hpp"
#include "family_lookup.hpp"
#include "platform/roots.hpp"

namespace host_exporter::test {

inline const collectors::CollectorDefinition& builtin_definition(const std::string& name) {
  for (const auto& definition : collectors::builtin_collectors()) {
    if (definition.name == name) return definition;
  }
  throw std::logic_error("no built-in collector " + name);
}

// The collector `name` with its default flags, `flags` applied on top.
inline std::unique_ptr<Collector> make_collector(const std::string& name, const platform::Roots& roots,
                                                 collectors::Sampler* sampler = nullptr,
                                                 const std::vector<std::pair<std::string, std::string>>& flags = {}) {
  const auto& definition = builtin_definition(name);
  collectors::CollectorContext context{roots, sampler, collectors::default_config(definition)};
  for (const auto& [flag, value] : flags) context.config.set(flag, {value});
  return definition.create(context);
}

// The same as the pipeline's own type.
inline std::unique_ptr<collectors::HostCollector> builtin_definition_create(const std::string& name,
                                                                            const platform::Roots& roots) {
  const auto& definition = builtin_definition(name);
  return definition.create({roots, nullptr, collectors::default_config(definition)});
}

inline std::vector<std::string> family_names(const std::vector<MetricFamily>& families) {
  std::vector<std::string> names;
  for (const auto& family : families) names.push_back(family.name);
  return names;
}

}  // namespace host_exporter::test
