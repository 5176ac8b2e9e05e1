#include "platform/linux/vmstat_reader.hpp"

#include "platform/linux/proc_file.hpp"
#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

void parse_vmstat(std::string_view text, VmstatReading& out) {
  out.error.clear();
  std::size_t used = 0;
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view rest = line;
    const std::string_view name = next_field(rest);
    if (name.empty()) continue;
    const std::string_view number = next_field(rest);
    double value = 0;
    std::int64_t signed_value = 0;
    std::uint64_t unsigned_value = 0;
    if (parse_i64(number, signed_value)) {
      value = static_cast<double>(signed_value);
    } else if (parse_u64(number, unsigned_value)) {
      value = static_cast<double>(unsigned_value);
    } else {
      out.error = "malformed line in vmstat: " + std::string(line.substr(0, 80));
      out.fields.resize(used);
      return;
    }
    if (used == out.fields.size()) out.fields.emplace_back();
    VmstatField& field = out.fields[used++];
    field.name = name;
    field.value = value;
  }
  out.fields.resize(used);
  if (used == 0) out.error = "no fields in vmstat";
}

void read_vmstat(CachedFile& file, std::string& buffer, VmstatReading& out) {
  std::string error;
  if (!file.read(buffer, &error)) {
    out.fields.clear();
    out.error = file.path() + ": " + error;
    return;
  }
  parse_vmstat(buffer, out);
}

void read_vmstat(const std::string& path, std::string& buffer, VmstatReading& out) {
  CachedFile file(path);
  read_vmstat(file, buffer, out);
}

}  // namespace host_exporter::platform
