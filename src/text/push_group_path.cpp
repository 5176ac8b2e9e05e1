#include "text/push_group_path.hpp"

#include <algorithm>

#include "text/base64.hpp"

namespace host_exporter::text {

namespace {

bool needs_base64(std::string_view value) {
  if (value.empty() || value == "." || value == "..") return true;
  return std::any_of(value.begin(), value.end(), [](char c) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    return !unreserved;
  });
}

void append_pair(std::string& path, std::string_view name, std::string_view value) {
  path.append("/").append(name);
  if (needs_base64(value)) {
    path.append("@base64/").append(encode_base64url(value));
  } else {
    path.append("/").append(value);
  }
}

}  // namespace

std::string push_group_path(std::string_view job, const std::vector<std::pair<std::string, std::string>>& labels) {
  std::string path = "/metrics";
  append_pair(path, "job", job);
  for (const auto& [name, value] : labels) append_pair(path, name, value);
  return path;
}

}  // namespace host_exporter::text
