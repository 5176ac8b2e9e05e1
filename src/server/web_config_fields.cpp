#include "server/web_config_fields.hpp"

#include <filesystem>

#include "server/web_config.hpp"

namespace host_exporter::server::web_config_fields {

std::string where(const YAML::Mark& mark) {
  return mark.is_null() ? std::string() : "line " + std::to_string(mark.line + 1) + ": ";
}

void fail(const YAML::Node& at, const std::string& message) { throw WebConfigError(where(at.Mark()) + message); }

std::string text_of(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) fail(node, what + " must be a string");
  return node.Scalar();
}

std::vector<std::string> texts_of(const YAML::Node& node, const std::string& what) {
  if (node.IsNull()) return {};
  if (!node.IsSequence()) fail(node, what + " must be a list");
  std::vector<std::string> texts;
  for (const auto& item : node) texts.push_back(text_of(item, what + ": an item"));
  return texts;
}

bool boolean_of(const YAML::Node& node, const std::string& what) {
  const std::string text = text_of(node, what);
  if (text == "true") return true;
  if (text == "false") return false;
  fail(node, what + " must be true or false, not \"" + text + "\"");
}

void refuse_unknown_keys(const YAML::Node& map, const std::set<std::string>& known, const std::string& where) {
  for (const auto& entry : map) {
    const std::string key = text_of(entry.first, where + ": a key");
    if (!known.contains(key)) fail(entry.first, where + ": unsupported key \"" + key + "\"");
  }
}

std::string resolve(const std::string& path, const std::string& base_dir) {
  const std::filesystem::path p(path);
  return p.is_absolute() || base_dir.empty() ? path : (std::filesystem::path(base_dir) / p).string();
}

}  // namespace host_exporter::server::web_config_fields
