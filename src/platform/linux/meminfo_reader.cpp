#include "platform/linux/meminfo_reader.hpp"

#include "platform/linux/proc_file.hpp"
#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

const MeminfoField* MeminfoReading::find(std::string_view name) const {
  for (const auto& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

std::optional<std::uint64_t> MeminfoReading::bytes(std::string_view name) const {
  const MeminfoField* field = find(name);
  if (field == nullptr) return std::nullopt;
  return field->kilobytes ? field->value * 1024 : field->value;
}

void parse_meminfo(std::string_view text, MeminfoReading& out) {
  out.error.clear();
  std::size_t used = 0;
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view rest = line;
    const std::string_view key = next_field(rest);
    if (key.empty()) continue;
    std::uint64_t value = 0;
    if (key.size() < 2 || key.back() != ':' || !parse_u64(next_field(rest), value)) {
      out.error = "malformed line in meminfo: " + std::string(line.substr(0, 80));
      out.fields.resize(used);
      return;
    }
    const std::string_view unit = next_field(rest);
    if (!unit.empty() && unit != "kB") continue;
    if (used == out.fields.size()) out.fields.emplace_back();
    MeminfoField& field = out.fields[used++];
    field.name.assign(key.substr(0, key.size() - 1));  // reuses the string's capacity
    field.value = value;
    field.kilobytes = !unit.empty();
  }
  out.fields.resize(used);
  if (used == 0) out.error = "no fields in meminfo";
}

void read_meminfo(CachedFile& file, std::string& buffer, MeminfoReading& out) {
  std::string error;
  if (!file.read(buffer, &error)) {
    out.fields.clear();
    out.error = file.path() + ": " + error;
    return;
  }
  parse_meminfo(buffer, out);
}

void read_meminfo(const std::string& path, std::string& buffer, MeminfoReading& out) {
  CachedFile file(path);
  read_meminfo(file, buffer, out);
}

}  // namespace host_exporter::platform
