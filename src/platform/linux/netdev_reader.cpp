#include "platform/linux/netdev_reader.hpp"

#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

namespace {
bool fail(NetDevReading& reading, std::size_t count, std::string_view why, std::string_view line) {
  reading.interfaces.resize(count);
  reading.error = std::string(why) + ": \"" + std::string(line) + "\"";
  return false;
}
}  // namespace

bool parse_netdev(std::string_view text, NetDevReading& reading) {
  reading.error.clear();
  std::size_t count = 0;
  std::string_view rest = text, line;
  // The two header lines ("Inter-|   Receive ..." and " face |bytes ...") carry a '|'.
  while (next_line(rest, line)) {
    if (line.find('|') != std::string_view::npos) continue;
    std::string_view probe = line;
    if (next_field(probe).empty()) continue;  // blank line
    // Interface names cannot contain ':', so the first one ends the name. The
    // kernel pads short names on the left and may leave no space after the colon.
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return fail(reading, count, "malformed net/dev line", line);
    std::string_view name = line.substr(0, colon);
    name = next_field(name);
    if (name.empty()) return fail(reading, count, "malformed net/dev line", line);
    if (count == reading.interfaces.size()) reading.interfaces.emplace_back();
    NetDevLine& interface = reading.interfaces[count++];
    interface.device.assign(name);
    std::string_view fields = line.substr(colon + 1);
    for (std::size_t i = 0; i < kNetDevColumnCount; ++i) {
      if (!parse_u64(next_field(fields), interface.counters[i])) {
        return fail(reading, count - 1, "malformed net/dev counters", line);
      }
    }
  }
  reading.interfaces.resize(count);
  return true;
}

NetDevReader::NetDevReader(const Roots& roots) : file_(roots.proc("net/dev")) {}

bool NetDevReader::read(NetDevReading& reading) {
  std::string error;
  if (!file_.read(buffer_, &error)) {
    reading.interfaces.clear();
    reading.error = file_.path() + ": " + error;
    return false;
  }
  return parse_netdev(buffer_, reading);
}

}  // namespace host_exporter::platform
