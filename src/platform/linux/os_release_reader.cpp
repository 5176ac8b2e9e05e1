#include "platform/linux/os_release_reader.hpp"

#include "platform/linux/proc_file.hpp"
#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// The shell value: quotes removed; inside double quotes a backslash escapes
// $ " \ and ` (the only escapes os-release(5) allows).
std::string unquote(std::string_view raw) {
  std::string value;
  if (raw.empty()) return value;
  const char quote = raw.front();
  if (quote != '"' && quote != '\'') return std::string(raw);
  for (std::size_t i = 1; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == quote) break;
    if (quote == '"' && c == '\\' && i + 1 < raw.size()) {
      const char next = raw[i + 1];
      if (next == '$' || next == '"' || next == '\\' || next == '`') {
        value += next;
        ++i;
        continue;
      }
    }
    value += c;
  }
  return value;
}

std::string* field_for(std::string_view key, OsReleaseReading& out) {
  if (key == "NAME") return &out.name;
  if (key == "ID") return &out.id;
  if (key == "ID_LIKE") return &out.id_like;
  if (key == "PRETTY_NAME") return &out.pretty_name;
  if (key == "VARIANT") return &out.variant;
  if (key == "VARIANT_ID") return &out.variant_id;
  if (key == "VERSION") return &out.version;
  if (key == "VERSION_ID") return &out.version_id;
  if (key == "VERSION_CODENAME") return &out.version_codename;
  if (key == "BUILD_ID") return &out.build_id;
  if (key == "IMAGE_ID") return &out.image_id;
  if (key == "IMAGE_VERSION") return &out.image_version;
  if (key == "SUPPORT_END") return &out.support_end;
  return nullptr;
}

}  // namespace

void parse_os_release(std::string_view text, OsReleaseReading& out) {
  out = OsReleaseReading{};
  std::string_view line;
  while (next_line(text, line)) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    std::string* field = field_for(line.substr(0, equals), out);
    if (field != nullptr) *field = unquote(trim(line.substr(equals + 1)));
  }
}

void read_os_release(const Roots& roots, OsReleaseReading& out) {
  std::string buffer;
  for (const char* relative : {"etc/os-release", "usr/lib/os-release"}) {
    const std::string path = roots.root(relative);
    if (read_file(path, buffer)) {
      parse_os_release(buffer, out);
      out.path = path;
      return;
    }
  }
  out = OsReleaseReading{};
  out.error = "no os-release file in " + roots.root("etc") + " or " + roots.root("usr/lib");
}

}  // namespace host_exporter::platform
