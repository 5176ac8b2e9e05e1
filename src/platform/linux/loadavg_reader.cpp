#include "platform/linux/loadavg_reader.hpp"

#include <charconv>

#include "platform/linux/proc_file.hpp"
#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

namespace {
bool parse_double(std::string_view text, double& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}
}  // namespace

void parse_loadavg(std::string_view text, LoadavgReading& out) {
  out.error.clear();
  std::string_view line;
  next_line(text, line);
  if (!parse_double(next_field(line), out.load1) || !parse_double(next_field(line), out.load5) ||
      !parse_double(next_field(line), out.load15)) {
    out.load1 = out.load5 = out.load15 = 0;
    out.last_pid.reset();
    out.error = "malformed loadavg";
    return;
  }
  next_field(line);  // runnable/total
  std::int64_t last_pid = 0;
  if (parse_i64(next_field(line), last_pid) && last_pid >= 0) {
    out.last_pid = last_pid;
  } else {
    out.last_pid.reset();
  }
}

void read_loadavg(CachedFile& file, std::string& buffer, LoadavgReading& out) {
  std::string error;
  if (!file.read(buffer, &error)) {
    out = LoadavgReading{};
    out.error = file.path() + ": " + error;
    return;
  }
  parse_loadavg(buffer, out);
}

void read_loadavg(const std::string& path, std::string& buffer, LoadavgReading& out) {
  CachedFile file(path);
  read_loadavg(file, buffer, out);
}

}  // namespace host_exporter::platform
