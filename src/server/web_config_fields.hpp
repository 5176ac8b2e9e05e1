#pragma once
// The checks every section of the web config shares: each failure names its line, so
// a mistake is found in the file, not guessed at.

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <vector>

namespace host_exporter::server::web_config_fields {

// "line 3: " for messages; empty when yaml-cpp knows no position.
std::string where(const YAML::Mark& mark);

// Throws WebConfigError naming the node's line.
[[noreturn]] void fail(const YAML::Node& at, const std::string& message);

// A scalar's text; anything else (a list, a map, a complex key) is an error here.
std::string text_of(const YAML::Node& node, const std::string& what);

// A list of scalars; a single scalar or a map is an error.
std::vector<std::string> texts_of(const YAML::Node& node, const std::string& what);

bool boolean_of(const YAML::Node& node, const std::string& what);

void refuse_unknown_keys(const YAML::Node& map, const std::set<std::string>& known, const std::string& where);

// A path relative to the config file's folder, as exporter-toolkit takes it.
std::string resolve(const std::string& path, const std::string& base_dir);

}  // namespace host_exporter::server::web_config_fields
