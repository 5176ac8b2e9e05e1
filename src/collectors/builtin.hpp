#pragma once
// The built-in host collectors: each has a name, a default (on or off), its own
// flags (--collector.<name>.<flag>) and a factory. The command line turns this
// table into --collector.<name> / --no-collector.<name> and the flags below.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "collectors/host_collector.hpp"
#include "platform/roots.hpp"

namespace host_exporter::collectors {

class Sampler;

struct CollectorFlag {
  std::string name;           // the part after --collector.<collector>.
  std::string default_value;  // as text; "" for none
  std::string help;
  bool repeatable = false;
  // A switch: --collector.<collector>.<flag> alone means "true", --no-collector.<collector>.<flag>
  // means "false", and =true / =false are accepted too. The config holds "true" or "false".
  bool is_switch = false;
};

// Flag values for one collector, keyed by CollectorFlag::name.
class CollectorConfig {
 public:
  void set(const std::string& flag, std::vector<std::string> values) { values_[flag] = std::move(values); }
  // The last value given, or the flag's default.
  const std::string& get(const std::string& flag) const;
  const std::vector<std::string>& get_all(const std::string& flag) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

struct CollectorContext {
  platform::Roots roots;
  Sampler* sampler = nullptr;  // for collectors whose values are rates over the sampler's window
  CollectorConfig config;
};

struct CollectorDefinition {
  std::string name;
  bool enabled_by_default = true;
  std::string help;
  std::vector<CollectorFlag> flags;
  // Builds the collector; throws std::invalid_argument with a clear message for bad flag values.
  std::function<std::unique_ptr<HostCollector>(const CollectorContext&)> create;
  // Its families come from outside (the textfile directory), not from the host: they are
  // merged after every host collector's, so a host family wins a name it shares with them.
  bool ingested = false;
};

// Every built-in collector of this platform, in a stable order (by name).
const std::vector<CollectorDefinition>& builtin_collectors();

// A default-filled config for a definition (every flag at its default value).
CollectorConfig default_config(const CollectorDefinition& definition);

}  // namespace host_exporter::collectors
