#include "collectors/builtin.hpp"

namespace host_exporter::collectors {

namespace {
const std::vector<std::string> kNoValues;
const std::string kNoValue;
}  // namespace

const std::string& CollectorConfig::get(const std::string& flag) const {
  const auto it = values_.find(flag);
  if (it == values_.end() || it->second.empty()) return kNoValue;
  return it->second.back();
}

const std::vector<std::string>& CollectorConfig::get_all(const std::string& flag) const {
  const auto it = values_.find(flag);
  return it == values_.end() ? kNoValues : it->second;
}

CollectorConfig default_config(const CollectorDefinition& definition) {
  CollectorConfig config;
  for (const auto& flag : definition.flags) {
    if (!flag.default_value.empty()) config.set(flag.name, {flag.default_value});
  }
  return config;
}

}  // namespace host_exporter::collectors
