#include "server/http_message.hpp"

#include <algorithm>
#include <strings.h>

namespace host_exporter::server {

namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

void HeaderList::set(std::string_view name, std::string value) {
  std::erase_if(fields_, [&](const auto& field) { return same_name(field.first, name); });
  fields_.emplace_back(std::string(name), std::move(value));
}

std::string_view HeaderList::get(std::string_view name) const {
  for (const auto& [field, value] : fields_) {
    if (same_name(field, name)) return value;
  }
  return {};
}

bool HeaderList::has(std::string_view name) const {
  return std::any_of(fields_.begin(), fields_.end(), [&](const auto& field) { return same_name(field.first, name); });
}

void respond(Response& res, int status, std::string body, std::string_view content_type) {
  res.status = status;
  res.body = std::move(body);
  res.headers.set("Content-Type", std::string(content_type));
}

}  // namespace host_exporter::server
