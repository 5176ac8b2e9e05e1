#include "platform/linux/mounts_reader.hpp"

#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

void decode_mount_escapes(std::string_view text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 3 < text.size()) {
      const char a = text[i + 1], b = text[i + 2], d = text[i + 3];
      if (a >= '0' && a <= '3' && b >= '0' && b <= '7' && d >= '0' && d <= '7') {
        out += static_cast<char>((a - '0') * 64 + (b - '0') * 8 + (d - '0'));
        i += 3;
        continue;
      }
    }
    out += c;
  }
}

bool parse_mounts(std::string_view text, MountsReading& reading) {
  reading.error.clear();
  std::size_t count = 0;
  std::string_view rest = text, line;
  while (next_line(rest, line)) {
    std::string_view fields = line;
    const std::string_view device = next_field(fields);
    if (device.empty()) continue;  // blank line
    const std::string_view mountpoint = next_field(fields);
    const std::string_view fstype = next_field(fields);
    const std::string_view options = next_field(fields);
    if (options.empty()) {
      reading.error = "malformed mount line: \"" + std::string(line) + "\"";
      reading.mounts.resize(count);
      return false;
    }
    if (count == reading.mounts.size()) reading.mounts.emplace_back();
    MountEntry& entry = reading.mounts[count++];
    decode_mount_escapes(device, entry.device);
    decode_mount_escapes(mountpoint, entry.mountpoint);
    decode_mount_escapes(fstype, entry.fstype);
    entry.options.assign(options);
  }
  reading.mounts.resize(count);
  return true;
}

MountsReader::MountsReader(const Roots& roots)
    : init_file_(roots.proc("1/mounts")), self_file_(roots.proc("mounts")) {}

bool MountsReader::read(MountsReading& reading) {
  // Rendering the table costs the kernel more than anything else in a scrape; a kept
  // descriptor says when the table changed, so an unchanged one is not read at all.
  if (!parsed_.empty() && reading.error.empty() && reading.path == init_file_.path() && init_file_.kept_open() &&
      !init_file_.may_have_changed()) {
    return true;
  }
  std::string error;
  const CachedFile* source = &init_file_;
  if (!init_file_.read(buffer_, &error)) {
    source = &self_file_;
    if (!self_file_.read(buffer_, &error)) {
      reading.mounts.clear();
      reading.path = self_file_.path();
      reading.error = self_file_.path() + ": " + error;
      parsed_.clear();
      return false;
    }
  }
  // Comparing a few kilobytes costs far less than splitting and unescaping them again.
  if (!parsed_.empty() && buffer_ == parsed_ && reading.path == source->path() && reading.error.empty()) return true;
  reading.path = source->path();
  if (!parse_mounts(buffer_, reading)) {
    parsed_.clear();
    return false;
  }
  parsed_.swap(buffer_);
  return true;
}

}  // namespace host_exporter::platform
